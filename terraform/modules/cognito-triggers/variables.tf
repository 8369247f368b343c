# ---------------------------------------------------------------------------------------------
# Where the suite goes
# ---------------------------------------------------------------------------------------------

variable "name_prefix" {
  description = "Prefix of every name the suite creates: functions (<prefix>-PreSignUp, …), roles, log groups and the tenant table."
  type        = string
  default     = null

  validation {
    condition     = var.name_prefix != null && can(regex("^[A-Za-z0-9-]{1,40}$", var.name_prefix))
    error_message = "name_prefix is required: 1 to 40 letters, digits or hyphens."
  }
}

variable "user_pool_id" {
  description = "Id of the user pool the triggers serve (a pool created by the user-pool module, or an existing one read with data \"aws_cognito_user_pool\")."
  type        = string
  default     = null

  validation {
    condition     = var.user_pool_id != null && can(regex("^[\\w-]+_[0-9a-zA-Z]+$", var.user_pool_id))
    error_message = "user_pool_id is required: <region>_<id>."
  }
}

variable "user_pool_arn" {
  description = "ARN of that user pool: the only pool allowed to invoke the functions, and the only one they may change."
  type        = string
  default     = null

  validation {
    condition     = var.user_pool_arn != null && can(regex("^arn:[^:]+:cognito-idp:[^:]+:[0-9]{12}:userpool/", var.user_pool_arn))
    error_message = "user_pool_arn is required: arn:aws:cognito-idp:<region>:<account>:userpool/<id>."
  }
}

variable "triggers_dir" {
  description = "Folder holding the built triggers (<dir>/<trigger>/dist/manifest.json and its zip); by default the repository's triggers/ folder."
  type        = string
  default     = null
}

variable "create_role_groups" {
  description = "Create the role groups (tenant_admin_group, tenant_member_group) in the pool. Turn off when an existing pool already has them."
  type        = bool
  default     = true
}

variable "attach" {
  description = "Point the pool's triggers at the functions with `cognito-triggers attach` (for a pool this configuration does not manage); on destroy, `detach` removes them again. Leave false when the user-pool module wires the triggers itself."
  type        = bool
  default     = false
}

variable "pre_token_generation_version" {
  description = "Event version of pre token generation: V1_0 (ID token only), V2_0 (ID and access tokens; Essentials or Plus plan), V3_0 (V2 plus machine-to-machine tokens). Used by attach."
  type        = string
  default     = "V2_0"

  validation {
    condition     = contains(["V1_0", "V2_0", "V3_0"], var.pre_token_generation_version)
    error_message = "pre_token_generation_version must be V1_0, V2_0 or V3_0."
  }
}

variable "cli_command" {
  description = "How attach runs the CLI, relative to the root module's folder. By default node runs the repository's packages/cli/bin/cognito-triggers.mjs (its dependencies installed with pnpm install)."
  type        = string
  default     = null
}

# ---------------------------------------------------------------------------------------------
# The functions
# ---------------------------------------------------------------------------------------------

variable "functions" {
  description = "Settings shared by the five functions. memory_size may name a trigger folder to override the default for that function."
  type = object({
    memory_size           = optional(number, 256)
    memory_size_overrides = optional(map(number), {})
    timeout               = optional(number, 5)
    log_level             = optional(string, "INFO")
    log_retention_in_days = optional(number, 30)
    log_kms_key_arn       = optional(string)
  })
  default = {}

  validation {
    condition     = alltrue([for name in keys(var.functions.memory_size_overrides) : contains(["pre-signup", "post-confirmation", "pre-authentication", "pre-token-generation", "custom-message"], name)])
    error_message = "functions.memory_size_overrides keys must be trigger folders: pre-signup, post-confirmation, pre-authentication, pre-token-generation, custom-message."
  }

  validation {
    condition     = contains(["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"], var.functions.log_level)
    error_message = "functions.log_level must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL."
  }

  validation {
    condition     = var.functions.timeout >= 1 && var.functions.timeout <= 5
    error_message = "functions.timeout must be between 1 and 5 seconds: Cognito gives a trigger 5 s."
  }
}

# ---------------------------------------------------------------------------------------------
# The tenant table
# ---------------------------------------------------------------------------------------------

variable "tenant_table" {
  description = "The tenant store's DynamoDB table. name defaults to <name_prefix>-tenants; kms_key_arn null means the AWS managed key (aws/dynamodb)."
  type = object({
    name                        = optional(string)
    deletion_protection_enabled = optional(bool, false)
    point_in_time_recovery      = optional(bool, true)
    kms_key_arn                 = optional(string)
  })
  default = {}
}

variable "tags" {
  description = "Tags of every resource the module creates."
  type        = map(string)
  default     = {}
}

# ---------------------------------------------------------------------------------------------
# Policy: the keys of terraform.tfvars.json, one variable per key, passed to the functions'
# environments. An empty list or map leaves its variable unset, so the trigger's default applies.
# ---------------------------------------------------------------------------------------------

variable "allowed_email_domains" {
  description = "pre-signup ALLOWED_EMAIL_DOMAINS: domains that may sign up; \"example.com\" matches exactly, \"*.example.com\" any subdomain."
  type        = list(string)
  default     = []
}

variable "blocked_email_domains" {
  description = "pre-signup BLOCKED_EMAIL_DOMAINS: same syntax; a block wins over an allow."
  type        = list(string)
  default     = []
}

variable "protected_attributes" {
  description = "pre-signup PROTECTED_ATTRIBUTES: attributes only AdminCreateUser may set at sign-up (custom:tenant_id always is). Empty: the trigger's default."
  type        = list(string)
  default     = []
}

variable "auto_confirm_users" {
  description = "pre-signup AUTO_CONFIRM_USERS: confirm allowed sign-ups without a code (never verifies the email)."
  type        = bool
  default     = false
}

variable "tenant_domain_map" {
  description = "post-confirmation and pre-token-generation TENANT_DOMAIN_MAP: email domain => tenant id, for domains whose tenant is not derived from the domain."
  type        = map(string)
  default     = {}
}

variable "personal_email_domains" {
  description = "post-confirmation and pre-token-generation PERSONAL_EMAIL_DOMAINS: webmail domains whose users each get a tenant of their own (`user-<sub>`). Empty: none; every domain is a shared tenant."
  type        = list(string)
  default     = []
}

variable "tenant_admin_group" {
  description = "TENANT_ADMIN_GROUP (post-confirmation, pre-authentication, pre-token-generation): the Cognito group of tenant administrators (created in the pool)."
  type        = string
  default     = "tenant-admin"
}

variable "tenant_member_group" {
  description = "TENANT_MEMBER_GROUP (post-confirmation, pre-authentication, pre-token-generation): the Cognito group of tenant members (created in the pool)."
  type        = string
  default     = "tenant-member"
}

variable "default_tenant_tier" {
  description = "DEFAULT_TENANT_TIER: the tier of a newly provisioned tenant."
  type        = string
  default     = "free"
}

variable "authoritative_idps" {
  description = "post-confirmation and pre-token-generation AUTHORITATIVE_IDPS: email domain (or `*.domain`) => the user pool identity provider (its ProviderName) that owns the addresses of that domain. Its users' email is trusted there even when the provider sends no email_verified. Empty (the default): a federated user needs the provider's email_verified = \"true\"."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for domain, provider in var.authoritative_idps : length(domain) > 0 && !can(regex("[,=\\s]", domain)) && length(provider) > 0 && length(provider) <= 32 && !can(regex("[,=]", provider))])
    error_message = "authoritative_idps: each key must be a domain or *.domain, each value a provider name of 1-32 characters; neither may contain \",\" or \"=\"."
  }
}

variable "tenant_enrollment" {
  description = "post-confirmation and pre-token-generation TENANT_ENROLLMENT: email domain (or `*.domain`) => how its verified users enter their tenant: open (the first creates it and is admin), join (the tenant must exist; members only), invite (invitations only)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for domain, mode in var.tenant_enrollment : contains(["open", "join", "invite"], mode) && length(domain) > 0 && !can(regex("[,=\\s]", domain))])
    error_message = "tenant_enrollment: each key must be a domain or *.domain, each value open, join or invite."
  }
}

variable "default_enrollment" {
  description = "post-confirmation and pre-token-generation DEFAULT_ENROLLMENT: the enrollment mode of a domain not in tenant_enrollment (open, join or invite)."
  type        = string
  default     = "open"

  validation {
    condition     = contains(["open", "join", "invite"], var.default_enrollment)
    error_message = "default_enrollment must be open, join or invite."
  }
}

variable "claim_names" {
  description = "pre-token-generation CLAIM_TENANT_ID, CLAIM_TENANT_ROLE, CLAIM_TENANT_TIER, CLAIM_TENANT_STATUS: the names of the tenant claims in the tokens (tenant_status says why a token has no tenant)."
  type = object({
    tenant_id     = optional(string, "tenant_id")
    tenant_role   = optional(string, "tenant_role")
    tenant_tier   = optional(string, "tenant_tier")
    tenant_status = optional(string, "tenant_status")
  })
  default = {}
}

variable "role_scopes" {
  description = "pre-token-generation ROLE_SCOPES (JSON): role => scopes added to the access token (V2_0/V3_0)."
  type        = map(list(string))
  default     = {}
}

variable "claims_to_suppress" {
  description = "pre-token-generation CLAIMS_TO_SUPPRESS: claims removed from the tokens."
  type        = list(string)
  default     = []
}

variable "token_cache_ttl_seconds" {
  description = "pre-authentication and pre-token-generation TOKEN_CACHE_TTL_SECONDS: how long a warm function reuses a tenant it has read (each function its own cache), 0 to 3600."
  type        = number
  default     = 60

  validation {
    condition     = var.token_cache_ttl_seconds >= 0 && var.token_cache_ttl_seconds <= 3600
    error_message = "token_cache_ttl_seconds must be between 0 and 3600."
  }
}

variable "store_failure_policy" {
  description = "pre-authentication and pre-token-generation STORE_FAILURE_POLICY: when the tenant store cannot be read, refuse the sign-in (fail-closed), or let it go on and issue tokens without tenant claims (degrade)."
  type        = string
  default     = "fail-closed"

  validation {
    condition     = contains(["fail-closed", "degrade"], var.store_failure_policy)
    error_message = "store_failure_policy must be fail-closed or degrade."
  }
}

variable "claims_byte_budget" {
  description = "pre-token-generation CLAIMS_BYTE_BUDGET: the most bytes the added claims may take."
  type        = number
  default     = 2048

  validation {
    condition     = var.claims_byte_budget > 0
    error_message = "claims_byte_budget must be positive."
  }
}

variable "client_tenant_map" {
  description = "pre-token-generation CLIENT_TENANT_MAP: app client id => tenant id, for machine-to-machine clients (V3_0)."
  type        = map(string)
  default     = {}
}

variable "app_name" {
  description = "custom-message APP_NAME: product name shown in messages."
  type        = string
  default     = null
}

variable "default_locale" {
  description = "custom-message DEFAULT_LOCALE: the locale of a user without a locale attribute."
  type        = string
  default     = "en"
}

variable "support_email" {
  description = "custom-message SUPPORT_EMAIL: address shown in messages."
  type        = string
  default     = null
}

variable "brand_color" {
  description = "custom-message BRAND_COLOR: accent colour of the HTML emails (#rrggbb)."
  type        = string
  default     = null

  validation {
    condition     = var.brand_color == null || can(regex("^#[0-9a-fA-F]{6}$", var.brand_color))
    error_message = "brand_color must look like #1a2b3c."
  }
}

variable "logo_url" {
  description = "custom-message LOGO_URL: https URL of the logo in HTML emails."
  type        = string
  default     = null
}

variable "app_url" {
  description = "custom-message APP_URL: link to the product in messages."
  type        = string
  default     = null
}

variable "verify_link_url" {
  description = "custom-message VERIFY_LINK_URL: page that confirms a sign-up from a link."
  type        = string
  default     = null
}
