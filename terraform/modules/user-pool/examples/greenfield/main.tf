# A new pool wired to the suite. No cycle: the pool takes the function ARNs, and the functions'
# invoke permissions (separate resources) take the pool ARN.
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

module "user_pool" {
  source = "../.."

  name                         = "example"
  triggers                     = module.cognito_triggers.lambda_config
  pre_token_generation_version = "V2_0"

  client = {
    callback_urls = ["https://app.example.com/callback"]
    logout_urls   = ["https://app.example.com/"]
  }
}

module "cognito_triggers" {
  source = "../../../cognito-triggers"

  name_prefix   = "example"
  user_pool_id  = module.user_pool.user_pool_id
  user_pool_arn = module.user_pool.user_pool_arn

  settings = {
    allowed_email_domains = ["example.com"]
    app_name              = "Example"
  }
}

output "client_id" {
  description = "The public app client (authorization code with PKCE)."
  value       = module.user_pool.client_id
}
