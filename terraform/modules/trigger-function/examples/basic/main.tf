# One trigger function, invocable by one existing pool. Build it first: pnpm build.
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

module "pre_signup" {
  source = "../.."

  function_name = "example-PreSignUp"
  dist_dir      = "${path.module}/../../../../../triggers/pre-signup/dist"
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
