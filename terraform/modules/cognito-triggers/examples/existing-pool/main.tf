# The suite attached to a pool this configuration does not own: the suite's attach function,
# invoked by Terraform, merges our triggers into the pool's lambda_config and keeps every other
# setting and trigger. This pool keeps its own custom message: the suite deploys the other four.
# Its own pre sign-up function gives way to ours (replace_triggers): attach records it in the
# tenant table, and destroy puts it back.
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

data "aws_cognito_user_pool" "existing" {
  user_pool_id = "eu-west-1_EXAMPLE"
}

module "cognito_triggers" {
  source = "../.."

  name_prefix      = "example"
  user_pool_id     = data.aws_cognito_user_pool.existing.id
  user_pool_arn    = data.aws_cognito_user_pool.existing.arn
  attach           = true
  replace_triggers = ["pre-signup"]
  # The pool may already have its own role groups.
  create_role_groups = false

  settings = {
    triggers                     = ["pre-signup", "post-confirmation", "pre-authentication", "pre-token-generation"]
    allowed_email_domains        = ["example.com", "*.example.com"]
    tenant_domain_map            = { "example.com" = "example" }
    pre_token_generation_version = "V2_0"
  }
}

output "function_arns" {
  description = "The four functions now attached to the pool."
  value       = module.cognito_triggers.function_arns
}

output "attach_result" {
  description = "What attach did: the pool's lambdaConfig after it, the trigger it replaced, warnings."
  value       = module.cognito_triggers.attach_result
}
