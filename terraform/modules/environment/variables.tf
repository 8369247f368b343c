# One environment: its name and protections, where its pool comes from, and the suite's settings
# (declared, typed and validated once, in the cognito-triggers module, and passed through as is).

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

variable "name_prefix" {
  description = "Prefix of every name; the environment is appended (<prefix>-<env>-PreSignUp, …)."
  type        = string
  default     = "cognito-triggers"
}

variable "existing_user_pool_id" {
  description = "Attach the suite to this existing pool (read with data \"aws_cognito_user_pool\", triggers merged in by the suite's attach function). null: create a new pool with the user-pool module."
  type        = string
  default     = null

  validation {
    condition     = var.existing_user_pool_id == null || can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]_[0-9A-Za-z]+$", var.existing_user_pool_id))
    error_message = "existing_user_pool_id must be a user pool id, <region>_<id> such as eu-west-1_AbC123, or null to create a pool."
  }
}

variable "user_pool" {
  description = "Settings of the new pool (ignored when existing_user_pool_id is set)."
  type = object({
    user_pool_tier    = optional(string, "ESSENTIALS")
    mfa_configuration = optional(string, "OPTIONAL")
    domain_prefix     = optional(string)
    callback_urls     = optional(list(string), ["http://localhost:3000/callback"])
    logout_urls       = optional(list(string), ["http://localhost:3000/"])
  })
  default = {}
}

variable "identity_pool" {
  description = "An identity pool exchanging the pool's ID tokens for AWS credentials scoped by the tenant_id claim (modules/identity-pool). Off unless enabled; client_ids defaults to the new pool's client (set it when attaching to an existing pool); tenant_bucket_arn, when set, gives each tenant its own prefix of that bucket."
  type = object({
    enabled           = optional(bool, false)
    client_ids        = optional(list(string), [])
    tenant_bucket_arn = optional(string)
    tags              = optional(map(string), {})
  })
  default = {}
}

variable "artifacts" {
  description = "Where the built triggers are (see the cognito-triggers module): dir (default: the repository's terraform/artifacts), and optionally s3_bucket and s3_prefix of the same zips in S3."
  type = object({
    dir       = optional(string)
    s3_bucket = optional(string)
    s3_prefix = optional(string, "")
  })
  default = {}
}

variable "replace_triggers" {
  description = "With existing_user_pool_id: the suite's triggers (trigger folders, e.g. custom-message) whose slot attach may take over from a function of the pool's own; attach refuses any other occupied slot. What it replaces is recorded in the tenant table and put back on destroy (see the cognito-triggers module)."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "attach_revision" {
  description = "With existing_user_pool_id: any new value runs attach again in place (an update, never a detach first): the repair when the check triggers_attached reports drift (see the cognito-triggers module)."
  type        = number
  default     = 1
  nullable    = false
}

variable "settings" {
  description = "The suite's settings (the \"settings\" object of terraform.tfvars.json): passed as is to the cognito-triggers module, which declares, types and validates every key. A key it does not know fails the plan."
  type        = any
  default     = {}
}
