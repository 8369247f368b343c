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
      Environment = "staging"
    }
  }
}
