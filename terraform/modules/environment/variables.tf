# What differs from one environment to the next. Every other input is in settings.tf, which each
# root under environments/ links as its own variables.tf: a root then declares exactly the keys
# of its terraform.tfvars.json that this module takes, with the same types and defaults.

variable "environment" {
  description = "Name of the environment (dev, staging, prod): appended to name_prefix in every name (<prefix>-<env>-PreSignUp, …)."
  type        = string
  default     = null

  validation {
    condition     = var.environment != null && can(regex("^[a-z][a-z0-9-]*$", var.environment))
    error_message = "environment is required: lower-case letters, digits and hyphens (dev, staging, prod)."
  }
}

variable "deletion_protection" {
  description = "Refuse to delete the new pool and the tenant table while true (prod)."
  type        = bool
  default     = false
}
