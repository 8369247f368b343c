# One more environment beside dev, staging and prod: a new pool wired to the suite, named
# cognito-triggers-sandbox-*, with the settings written inline instead of in terraform.tfvars.json.
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
  source = "../.."

  environment = "sandbox"

  settings = {
    allowed_email_domains = ["example.com"]
    tenant_domain_map     = { "example.com" = "example" }
    app_name              = "Example (sandbox)"

    functions = {
      log_level             = "DEBUG"
      log_retention_in_days = 7
    }
  }
}

output "client_id" {
  description = "The new pool's public app client."
  value       = module.suite.client_id
}

output "function_arns" {
  description = "The five functions, by trigger folder."
  value       = module.suite.function_arns
}
