# The prod environment: its inputs come from terraform.tfvars.json, which Terraform loads by
# itself and the CLI and the local stack read too. Every input is declared, typed and validated
# in the modules (settings in modules/cognito-triggers): here they are only passed on.

variable "name_prefix" {
  description = "Prefix of every name; the environment is appended (see modules/environment)."
  type        = string
  default     = "cognito-triggers"
}

variable "existing_user_pool_id" {
  description = "Attach the suite to this existing pool; null creates a new pool (see modules/environment)."
  type        = string
  default     = null
}

variable "replace_triggers" {
  description = "With existing_user_pool_id: the triggers whose slot attach may take over from the pool's own function (see modules/environment)."
  type        = any
  default     = []
}

variable "attach_revision" {
  description = "With existing_user_pool_id: a new value runs attach again in place, the repair for drift (see modules/environment)."
  type        = any
  default     = 1
}

variable "user_pool" {
  description = "Settings of a new pool (see modules/environment)."
  type        = any
  default     = {}
}

variable "identity_pool" {
  description = "The optional identity pool (see modules/environment)."
  type        = any
  default     = {}
}

variable "settings" {
  description = "The suite's settings: every key is declared in modules/cognito-triggers (variable settings)."
  type        = any
  default     = {}
}

module "suite" {
  source = "../../modules/environment"

  environment         = "prod"
  deletion_protection = true # Production: neither the pool nor the tenant table can be deleted by accident.

  name_prefix           = var.name_prefix
  existing_user_pool_id = var.existing_user_pool_id
  replace_triggers      = var.replace_triggers
  attach_revision       = var.attach_revision
  user_pool             = var.user_pool
  identity_pool         = var.identity_pool
  settings              = var.settings
}
