variable "name" {
  description = "Name of the user pool."
  type        = string
  default     = null

  validation {
    condition     = var.name != null && can(regex("^[\\w\\s+=,.@-]{1,128}$", var.name))
    error_message = "name is required: 1 to 128 characters."
  }
}

variable "triggers" {
  description = "ARNs of the trigger functions (the cognito-triggers module's lambda_config output); null leaves that trigger unset."
  type = object({
    pre_sign_up          = optional(string)
    post_confirmation    = optional(string)
    pre_authentication   = optional(string)
    pre_token_generation = optional(string)
    custom_message       = optional(string)
  })
  default = {}
}

variable "pre_token_generation_version" {
  description = "Event version of pre token generation: V1_0 (ID token only), V2_0 (ID and access tokens), V3_0 (V2 plus machine-to-machine). V2_0 and V3_0 need user_pool_tier ESSENTIALS or PLUS."
  type        = string
  default     = "V2_0"

  validation {
    condition     = contains(["V1_0", "V2_0", "V3_0"], var.pre_token_generation_version)
    error_message = "pre_token_generation_version must be V1_0, V2_0 or V3_0."
  }
}

variable "user_pool_tier" {
  description = "Feature plan of the pool: LITE, ESSENTIALS or PLUS."
  type        = string
  default     = "ESSENTIALS"

  validation {
    condition     = contains(["LITE", "ESSENTIALS", "PLUS"], var.user_pool_tier)
    error_message = "user_pool_tier must be LITE, ESSENTIALS or PLUS."
  }
}

variable "deletion_protection" {
  description = "Refuse to delete the pool while true (prod)."
  type        = bool
  default     = false
}

variable "mfa_configuration" {
  description = "MFA of the pool: OFF, OPTIONAL or ON (OPTIONAL and ON turn on TOTP)."
  type        = string
  default     = "OPTIONAL"

  validation {
    condition     = contains(["OFF", "OPTIONAL", "ON"], var.mfa_configuration)
    error_message = "mfa_configuration must be OFF, OPTIONAL or ON."
  }
}

variable "password_policy" {
  description = "Password rules of the pool."
  type = object({
    minimum_length                   = optional(number, 12)
    require_lowercase                = optional(bool, true)
    require_uppercase                = optional(bool, true)
    require_numbers                  = optional(bool, true)
    require_symbols                  = optional(bool, false)
    temporary_password_validity_days = optional(number, 7)
  })
  default = {}

  validation {
    condition     = var.password_policy.minimum_length >= 8 && var.password_policy.minimum_length <= 99
    error_message = "password_policy.minimum_length must be between 8 and 99."
  }
}

variable "email" {
  description = "How the pool sends email. COGNITO_DEFAULT needs nothing else; DEVELOPER (SES, required for the custom message's HTML in production volumes) needs source_arn and from_email_address."
  type = object({
    sending_account        = optional(string, "COGNITO_DEFAULT")
    source_arn             = optional(string)
    from_email_address     = optional(string)
    reply_to_email_address = optional(string)
    configuration_set      = optional(string)
  })
  default = {}

  validation {
    condition     = contains(["COGNITO_DEFAULT", "DEVELOPER"], var.email.sending_account)
    error_message = "email.sending_account must be COGNITO_DEFAULT or DEVELOPER."
  }

  validation {
    condition     = var.email.sending_account == "COGNITO_DEFAULT" || (var.email.source_arn != null && var.email.from_email_address != null)
    error_message = "email.sending_account DEVELOPER needs email.source_arn and email.from_email_address."
  }
}

variable "client" {
  description = "The app client: public (no secret), authorization code with PKCE. It may read custom:tenant_id but never write it."
  type = object({
    name          = optional(string, "web")
    callback_urls = optional(list(string), ["http://localhost:3000/callback"])
    logout_urls   = optional(list(string), ["http://localhost:3000/"])
    oauth_scopes  = optional(list(string), ["openid", "email", "profile"])
    # Standard attributes the user may change themselves; custom:tenant_id is never among them.
    write_attributes              = optional(list(string), ["email", "name", "given_name", "family_name", "locale", "zoneinfo", "picture"])
    access_token_validity_minutes = optional(number, 60)
    id_token_validity_minutes     = optional(number, 60)
    refresh_token_validity_days   = optional(number, 30)
  })
  default = {}

  validation {
    condition     = alltrue([for attribute in var.client.write_attributes : !startswith(attribute, "custom:tenant")])
    error_message = "client.write_attributes must not contain the tenant attributes: the user would choose their own tenant."
  }

  # An empty list is not sent to AWS, and a client without WriteAttributes is not restricted.
  validation {
    condition     = length(var.client.write_attributes) > 0
    error_message = "client.write_attributes must list at least one attribute: an empty list leaves the client unrestricted, able to write every standard attribute."
  }
}

variable "domain_prefix" {
  description = "Prefix of the Cognito-hosted domain (<prefix>.auth.<region>.amazoncognito.com) for managed login; null creates no domain."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags of the pool."
  type        = map(string)
  default     = {}
}
