# The settings of an environment: every key of its terraform.tfvars.json but aws_region (the
# root's provider takes that one). Each root under environments/ links this file as its own
# variables.tf and passes every variable through unchanged (a test checks both).

variable "name_prefix" {
  description = "Prefix of every name; the environment is appended (<prefix>-<env>-PreSignUp, …)."
  type        = string
  default     = "cognito-triggers"
}

variable "existing_user_pool_id" {
  description = "Attach the suite to this existing pool (read with data \"aws_cognito_user_pool\", triggers merged in by `cognito-triggers attach`). null: create a new pool with the user-pool module."
  type        = string
  default     = null
}

variable "pre_token_generation_version" {
  description = "Event version of pre token generation: V1_0, V2_0 or V3_0."
  type        = string
  default     = "V2_0"

  validation {
    condition     = contains(["V1_0", "V2_0", "V3_0"], var.pre_token_generation_version)
    error_message = "pre_token_generation_version must be V1_0, V2_0 or V3_0."
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

variable "functions" {
  description = "Settings of the five functions (see the cognito-triggers module)."
  type = object({
    memory_size           = optional(number, 256)
    memory_size_overrides = optional(map(number), {})
    timeout               = optional(number, 5)
    log_level             = optional(string, "INFO")
    log_retention_in_days = optional(number, 30)
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

# Policy, shared with the CLI (check-email) and the local stack: see the cognito-triggers module's
# variables.tf.

variable "allowed_email_domains" {
  description = "Domains that may sign up (pre-signup ALLOWED_EMAIL_DOMAINS)."
  type        = list(string)
  default     = []
}

variable "blocked_email_domains" {
  description = "Domains that may not sign up (pre-signup BLOCKED_EMAIL_DOMAINS)."
  type        = list(string)
  default     = []
}

variable "protected_attributes" {
  description = "Attributes only AdminCreateUser may set (pre-signup PROTECTED_ATTRIBUTES)."
  type        = list(string)
  default     = []
}

variable "auto_confirm_users" {
  description = "Confirm allowed sign-ups without a code (pre-signup AUTO_CONFIRM_USERS)."
  type        = bool
  default     = false
}

variable "tenant_domain_map" {
  description = "Email domain => tenant id (TENANT_DOMAIN_MAP)."
  type        = map(string)
  default     = {}
}

variable "personal_email_domains" {
  description = "Webmail domains: one tenant per user (PERSONAL_EMAIL_DOMAINS)."
  type        = list(string)
  default     = []
}

variable "tenant_admin_group" {
  description = "Group of tenant administrators (TENANT_ADMIN_GROUP)."
  type        = string
  default     = "tenant-admin"
}

variable "tenant_member_group" {
  description = "Group of tenant members (TENANT_MEMBER_GROUP)."
  type        = string
  default     = "tenant-member"
}

variable "default_tenant_tier" {
  description = "Tier of a new tenant (DEFAULT_TENANT_TIER)."
  type        = string
  default     = "free"
}

variable "authoritative_idps" {
  description = "Email domain => identity provider trusted for its addresses without email_verified (AUTHORITATIVE_IDPS). Empty: none."
  type        = map(string)
  default     = {}
}

variable "tenant_enrollment" {
  description = "Email domain => enrollment mode: open, join or invite (TENANT_ENROLLMENT)."
  type        = map(string)
  default     = {}
}

variable "default_enrollment" {
  description = "Enrollment mode of a domain not in tenant_enrollment (DEFAULT_ENROLLMENT)."
  type        = string
  default     = "open"
}

variable "claim_names" {
  description = "Names of the tenant claims (CLAIM_TENANT_ID, CLAIM_TENANT_ROLE, CLAIM_TENANT_TIER, CLAIM_TENANT_STATUS)."
  type = object({
    tenant_id     = optional(string, "tenant_id")
    tenant_role   = optional(string, "tenant_role")
    tenant_tier   = optional(string, "tenant_tier")
    tenant_status = optional(string, "tenant_status")
  })
  default = {}
}

variable "role_scopes" {
  description = "Role => access-token scopes (ROLE_SCOPES)."
  type        = map(list(string))
  default     = {}
}

variable "claims_to_suppress" {
  description = "Claims removed from the tokens (CLAIMS_TO_SUPPRESS)."
  type        = list(string)
  default     = []
}

variable "token_cache_ttl_seconds" {
  description = "Seconds a warm function reuses a tenant (TOKEN_CACHE_TTL_SECONDS)."
  type        = number
  default     = 60
}

variable "store_failure_policy" {
  description = "fail-closed or degrade when the tenant store fails (STORE_FAILURE_POLICY)."
  type        = string
  default     = "fail-closed"
}

variable "claims_byte_budget" {
  description = "Most bytes the added claims may take (CLAIMS_BYTE_BUDGET)."
  type        = number
  default     = 2048
}

variable "client_tenant_map" {
  description = "App client id => tenant id, machine-to-machine (CLIENT_TENANT_MAP)."
  type        = map(string)
  default     = {}
}

variable "app_name" {
  description = "Product name in messages (APP_NAME)."
  type        = string
  default     = null
}

variable "default_locale" {
  description = "Fallback locale of messages (DEFAULT_LOCALE)."
  type        = string
  default     = "en"
}

variable "support_email" {
  description = "Support address in messages (SUPPORT_EMAIL)."
  type        = string
  default     = null
}

variable "brand_color" {
  description = "Accent colour of HTML emails (BRAND_COLOR)."
  type        = string
  default     = null
}

variable "logo_url" {
  description = "Logo in HTML emails (LOGO_URL)."
  type        = string
  default     = null
}

variable "app_url" {
  description = "Link to the product (APP_URL)."
  type        = string
  default     = null
}

variable "verify_link_url" {
  description = "Page that confirms a sign-up from a link (VERIFY_LINK_URL)."
  type        = string
  default     = null
}
