# A provider belongs in the root, not in a module. aws_region is the one key of
# terraform.tfvars.json that only the root reads; the others are declared in variables.tf (a link
# to modules/environment/settings.tf).

variable "aws_region" {
  description = "Region of the pool and the functions."
  type        = string
  default     = "eu-west-1"
}

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = {
      Project     = "cognito-trigger-suite"
      Environment = local.environment
    }
  }
}
