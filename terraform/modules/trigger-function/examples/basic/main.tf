# One trigger function, invocable by one existing pool, from the artifacts folder that pnpm build
# writes (terraform/artifacts: each trigger's zip and its manifest).
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

locals {
  artifacts = "${path.module}/../../../../artifacts"
  manifest  = jsondecode(file("${local.artifacts}/pre-signup.json"))
}

module "pre_signup" {
  source = "../.."

  function_name = "example-PreSignUp"
  artifact = {
    zip              = "${local.artifacts}/pre-signup.zip"
    source_code_hash = local.manifest.sourceCodeHash
    handler          = local.manifest.handler
    runtime          = local.manifest.runtime
  }
  user_pool_arn = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_EXAMPLE"
  log_level     = "DEBUG"

  environment_variables = {
    ALLOWED_EMAIL_DOMAINS = "example.com,*.example.com"
  }
}

output "function_arn" {
  description = "Set it as the pool's pre sign-up trigger."
  value       = module.pre_signup.function_arn
}
