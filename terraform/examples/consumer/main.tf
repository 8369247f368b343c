# A team's own root, outside this repository as far as Terraform can tell: the modules come by
# source address (here relative; in your repository a git address such as
# "git::https://github.com/<org>/cognito-triggers.git//terraform/modules/environment?ref=v1.4.0"),
# and the built triggers from an artifacts folder (here the one pnpm build writes; in your
# repository the folder of a release, checked with `sha256sum -c SHA256SUMS`). The pool is one
# you already run: the suite attaches four triggers and leaves the pool's own custom message.
# Attaching runs in AWS (the suite's attach function, invoked by Terraform with this provider's
# credentials): nothing but Terraform runs where you apply.
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
  # The pool's own pre sign-up function gives way to ours: attach records it in the tenant table
  # and destroy puts it back. Any other slot the pool fills itself is refused, not replaced.
  replace_triggers = ["pre-signup"]

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

output "attach_result" {
  description = "What attach did: the pool's lambdaConfig after it, the triggers it replaced, warnings."
  value       = module.suite.attach_result
}
