variable "name" {
  description = "Name of the identity pool; also the prefix of its authenticated role (<name>-authenticated)."
  type        = string
  default     = null

  validation {
    condition     = var.name != null && can(regex("^[\\w+=,.@-]{1,50}$", var.name))
    error_message = "name is required: 1 to 50 letters, digits or +=,.@-_ (the role name adds 14 characters)."
  }
}

variable "user_pool_id" {
  description = "The user pool whose ID tokens the identity pool accepts (eu-west-1_AbC123); its region comes from the id."
  type        = string
  default     = null

  validation {
    condition     = var.user_pool_id != null && can(regex("^[a-z]{2}(-[a-z]+)+-\\d_[0-9A-Za-z]+$", var.user_pool_id))
    error_message = "user_pool_id is required, as <region>_<id> (eu-west-1_AbC123)."
  }
}

variable "client_ids" {
  description = "App clients of that pool whose ID tokens may be exchanged for credentials. With an existing pool, name them; a new pool's client comes from the user-pool module."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.client_ids) > 0
    error_message = "client_ids needs at least one app client id."
  }
}

variable "tenant_claim" {
  description = "The ID token claim that carries the tenant (claim_names.tenant_id of the suite), mapped onto the session tag tenant_id."
  type        = string
  default     = "tenant_id"
}

variable "server_side_token_check" {
  description = "Have the identity pool check with the user pool that the ID token was not revoked (global sign-out) before it issues credentials."
  type        = bool
  default     = true
}

variable "tenant_bucket_arn" {
  description = "ARN of an S3 bucket (arn:aws:s3:::name) in which each tenant may use only its own prefix, <tenant_id>/. null grants no S3 access: attach your own policies to the authenticated role, keyed on the principal tag tenant_id."
  type        = string
  default     = null

  validation {
    condition     = var.tenant_bucket_arn == null || can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.tenant_bucket_arn))
    error_message = "tenant_bucket_arn must be a bucket ARN (arn:aws:s3:::name), without a key or a wildcard."
  }
}

variable "tenant_object_actions" {
  description = "S3 object actions a tenant's users may take under their tenant's prefix."
  type        = list(string)
  default     = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]

  validation {
    condition     = alltrue([for action in var.tenant_object_actions : can(regex("^s3:[A-Za-z]+$", action))])
    error_message = "tenant_object_actions are named S3 actions (s3:GetObject, …), never a wildcard."
  }
}

variable "tags" {
  description = "Tags of the identity pool and the role."
  type        = map(string)
  default     = {}
}
