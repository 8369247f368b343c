# A new pool wired to the suite, and an identity pool that gives each signed-in user AWS
# credentials reaching only their tenant's prefix of one bucket.
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
  source = "../../../user-pool"

  name     = "example"
  triggers = module.cognito_triggers.lambda_config

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

module "identity_pool" {
  source = "../.."

  name              = "example"
  user_pool_id      = module.user_pool.user_pool_id
  client_ids        = [module.user_pool.client_id]
  tenant_bucket_arn = "arn:aws:s3:::example-tenant-data"
}

output "identity_pool_id" {
  description = "For the app's GetId / GetCredentialsForIdentity calls."
  value       = module.identity_pool.identity_pool_id
}
