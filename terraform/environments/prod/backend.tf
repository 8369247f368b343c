terraform {
  required_version = ">= 1.10"

  # Completed at init time: terraform init -backend-config=backend.hcl (see backend.hcl.example).
  backend "s3" {}

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 7.0"
    }
  }
}
