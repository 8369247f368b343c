# A team's own root, outside this repository as far as Terraform can tell: the modules come by
# source address (here relative; in your repository a git address such as
# "git::https://github.com/<org>/cognito-triggers.git//terraform/modules/environment?ref=v1.4.0"),
# and the built triggers from an artifacts folder (here the one pnpm build writes; in your
# repository the folder of a release, checked with `sha256sum -c SHA256SUMS`). The pool is one
# you already run: the suite attaches four triggers and leaves the pool's own custom message.
terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 7.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

module "suite" {
  source = "../../modules/environment"

  environment           = "production"
  existing_user_pool_id = "eu-west-1_AbC123def"

  artifacts = {
    dir = "${path.root}/../../artifacts"
  }

  settings = {
    triggers              = ["pre-signup", "post-confirmation", "pre-authentication", "pre-token-generation"]
    allowed_email_domains = ["acme.example", "*.acme.example"]
    tenant_domain_map     = { "acme.example" = "acme" }
    tenant_enrollment     = { "acme.example" = "join" }
  }
}

output "function_arns" {
  description = "The four functions attached to the pool."
  value       = module.suite.function_arns
}
