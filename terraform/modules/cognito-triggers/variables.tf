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
    condition     = var.user_pool_id != null && can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]_[0-9A-Za-z]+$", var.user_pool_id))
    error_message = "user_pool_id must be a user pool id, <region>_<id> such as eu-west-1_AbC123 (got ${coalesce(var.user_pool_id, "null")})."
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

  validation {
    condition     = var.user_pool_arn == null || var.user_pool_id == null || endswith(coalesce(var.user_pool_arn, ""), "/${coalesce(var.user_pool_id, "")}")
    error_message = "user_pool_arn must be the ARN of user_pool_id (it ends in /<user_pool_id>)."
  }
}

variable "artifacts" {
  description = "Where the built triggers are: dir, the artifacts folder (each trigger's <trigger>.json manifest, and its <trigger>.zip unless s3_bucket is set; default: the repository's terraform/artifacts, written by pnpm build), and optionally s3_bucket and s3_prefix of the same zips uploaded to S3 (<s3_prefix><trigger>.zip)."
  type = object({
    dir       = optional(string)
    s3_bucket = optional(string)
    s3_prefix = optional(string, "")
  })
  default = {}
}

variable "create_role_groups" {
  description = "Create the role groups (tenant_admin_group, tenant_member_group) in the pool. Turn off when an existing pool already has them."
  type        = bool
  default     = true
}

variable "attach" {
  description = "Attach the functions to a pool this configuration does not manage: a function of the suite (<name_prefix>-AttachTriggers), invoked by Terraform with the provider's credentials (aws_lambda_invocation), points the pool's slots of settings.triggers at them and keeps every other setting and trigger; destroy detaches them again. It refuses a pool whose app clients can write a protected attribute. Leave false when the user-pool module wires the triggers itself."
  type        = bool
  default     = false
}

variable "attach_revision" {
  description = "Any new value runs attach again in place, as an update of the invocation: the repair when the check triggers_attached reports drift (someone pointed a slot of ours elsewhere). Unlike replacing the invocation, it never detaches first, so the pool is never without our triggers; a slot now held by another function is still refused unless it is in replace_triggers."
  type        = number
  default     = 1
  nullable    = false
}

variable "replace_triggers" {
  description = "Trigger folders (pre-signup, post-confirmation, pre-authentication, pre-token-generation, custom-message) whose slot attach may take over when the pool has a function of its own there; without it attach refuses such a slot (POOL_TRIGGER_NOT_OURS). Attach records each trigger it replaced in the tenant table (item POOL#<pool id> / ATTACHMENT), and destroy (or leaving the trigger out later) puts it back. Each must be in settings.triggers; ignored without attach."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for name in var.replace_triggers : contains(["pre-signup", "post-confirmation", "pre-authentication", "pre-token-generation", "custom-message"], name)])
    error_message = "replace_triggers: each must be a trigger folder: pre-signup, post-confirmation, pre-authentication, pre-token-generation, custom-message (got ${jsonencode(var.replace_triggers)})."
  }

  validation {
    # An unknown name is the validation above's to report.
    condition     = alltrue([for name in var.replace_triggers : contains(var.settings.triggers, name) if contains(["pre-signup", "post-confirmation", "pre-authentication", "pre-token-generation", "custom-message"], name)])
    error_message = "replace_triggers: ${join(", ", [for name in var.replace_triggers : name if !contains(var.settings.triggers, name)])} not deployed (settings.triggers): attach leaves a slot the suite does not deploy to the pool, so there is nothing to replace it with."
  }
}

# ---------------------------------------------------------------------------------------------
# The tenant table and tags
# ---------------------------------------------------------------------------------------------

variable "tenant_table" {
  description = "The tenant store's DynamoDB table: its name (default <name_prefix>-tenants) and deletion protection. Its encryption key and point-in-time recovery are settings (settings.tenant_table)."
  type = object({
    name                        = optional(string)
    deletion_protection_enabled = optional(bool, false)
  })
  default = {}
}

variable "tags" {
  description = "Tags of every resource the module creates."
  type        = map(string)
  default     = {}
}

# ---------------------------------------------------------------------------------------------
# Settings: the "settings" object of an environment's terraform.tfvars.json, declared once, here.
# The CLI and the local stack read the same object. Each policy key becomes the environment
# variable its trigger reads (named in its description); an empty list or map, or a null, leaves
# the variable unset, so that the trigger's own default applies. A setting the deployed triggers
# cannot run without fails at plan, never at the first sign-up.
# ---------------------------------------------------------------------------------------------

variable "settings" {
  description = <<-EOT
    The suite's settings (the "settings" object of terraform.tfvars.json):
    - triggers: which of the suite's functions to deploy and attach (trigger folders; default all
      five). A pool may keep a trigger of its own in a slot the suite leaves out.
    - pre-signup: allowed_email_domains (ALLOWED_EMAIL_DOMAINS: "example.com" exactly,
      "*.example.com" any subdomain; required with pre-signup), blocked_email_domains
      (BLOCKED_EMAIL_DOMAINS, a block wins), protected_attributes (PROTECTED_ATTRIBUTES: only
      AdminCreateUser may set them; custom:tenant_id always is), auto_confirm_users
      (AUTO_CONFIRM_USERS, never verifies the email).
    - tenancy (post-confirmation, pre-authentication, pre-token-generation): tenant_domain_map
      (TENANT_DOMAIN_MAP, domain => tenant id), personal_email_domains (PERSONAL_EMAIL_DOMAINS:
      each user a tenant of their own), tenant_admin_group, tenant_member_group (the role
      groups), default_tenant_tier, authoritative_idps (AUTHORITATIVE_IDPS: domain => the
      identity provider trusted for its addresses), tenant_enrollment (TENANT_ENROLLMENT: domain
      => open, join or invite), default_enrollment.
    - tokens (pre-token-generation; pre-authentication shares the cache and failure policy):
      claim_names (CLAIM_TENANT_ID, _ROLE, _TIER, _STATUS: four names, none suppressed), role_scopes (ROLE_SCOPES, role =>
      scopes, V2/V3), claims_to_suppress, token_cache_ttl_seconds (0 to 3600),
      store_failure_policy (fail-closed or degrade), claims_byte_budget, client_tenant_map
      (CLIENT_TENANT_MAP, machine client => tenant, V3).
    - messages (custom-message): app_name (APP_NAME, required with custom-message, at most 40
      characters), default_locale (en, de, es, fr or pt), support_email, brand_color (#rrggbb), logo_url, app_url, verify_link_url.
    - deployment: functions (memory, timeout <= 5 s, log level and retention, log_kms_key_arn),
      tenant_table (kms_key_arn: null is the AWS managed key; point_in_time_recovery),
      pre_token_generation_version (V1_0, V2_0, V3_0).
  EOT
  type = object({
    triggers = optional(set(string), ["pre-signup", "post-confirmation", "pre-authentication", "pre-token-generation", "custom-message"])

    allowed_email_domains = optional(list(string), [])
    blocked_email_domains = optional(list(string), [])
    protected_attributes  = optional(list(string), [])
    auto_confirm_users    = optional(bool, false)

    tenant_domain_map      = optional(map(string), {})
    personal_email_domains = optional(list(string), [])
    tenant_admin_group     = optional(string, "tenant-admin")
    tenant_member_group    = optional(string, "tenant-member")
    default_tenant_tier    = optional(string, "free")
    authoritative_idps     = optional(map(string), {})
    tenant_enrollment      = optional(map(string), {})
    default_enrollment     = optional(string, "open")

    claim_names = optional(object({
      tenant_id     = optional(string, "tenant_id")
      tenant_role   = optional(string, "tenant_role")
      tenant_tier   = optional(string, "tenant_tier")
      tenant_status = optional(string, "tenant_status")
    }), {})
    role_scopes             = optional(map(list(string)), {})
    claims_to_suppress      = optional(list(string), [])
    token_cache_ttl_seconds = optional(number, 60)
    store_failure_policy    = optional(string, "fail-closed")
    claims_byte_budget      = optional(number, 2048)
    client_tenant_map       = optional(map(string), {})

    app_name        = optional(string)
    default_locale  = optional(string, "en")
    support_email   = optional(string)
    brand_color     = optional(string)
    logo_url        = optional(string)
    app_url         = optional(string)
    verify_link_url = optional(string)

    functions = optional(object({
      memory_size           = optional(number, 256)
      memory_size_overrides = optional(map(number), {})
      timeout               = optional(number, 5)
      log_level             = optional(string, "INFO")
      log_retention_in_days = optional(number, 30)
      log_kms_key_arn       = optional(string)
    }), {})
    tenant_table = optional(object({
      kms_key_arn            = optional(string)
      point_in_time_recovery = optional(bool, true)
    }), {})
    pre_token_generation_version = optional(string, "V2_0")
  })
  default = {}

  validation {
    condition     = length(var.settings.triggers) > 0 && alltrue([for name in var.settings.triggers : contains(["pre-signup", "post-confirmation", "pre-authentication", "pre-token-generation", "custom-message"], name)])
    error_message = "settings.triggers: one or more of pre-signup, post-confirmation, pre-authentication, pre-token-generation, custom-message."
  }

  validation {
    condition     = !contains(var.settings.triggers, "pre-signup") || (length(var.settings.allowed_email_domains) > 0 && alltrue([for domain in var.settings.allowed_email_domains : length(trimspace(domain)) > 0]))
    error_message = "settings.allowed_email_domains is empty: with pre-signup deployed, every sign-up would be refused. List the domains that may sign up (example.com, *.example.com), or leave pre-signup out of settings.triggers."
  }

  validation {
    condition     = !contains(var.settings.triggers, "custom-message") || try(length(trimspace(var.settings.app_name)) > 0, false)
    error_message = "settings.app_name is empty: with custom-message deployed, every message names the product. Set it, or leave custom-message out of settings.triggers."
  }

  validation {
    condition     = alltrue([for domain, provider in var.settings.authoritative_idps : length(domain) > 0 && !can(regex("[,=\\s]", domain)) && length(provider) > 0 && length(provider) <= 32 && !can(regex("[,=]", provider))])
    error_message = "settings.authoritative_idps: each key must be a domain or *.domain, each value a provider name of 1-32 characters; neither may contain \",\" or \"=\"."
  }

  validation {
    condition     = alltrue([for domain, mode in var.settings.tenant_enrollment : contains(["open", "join", "invite"], mode) && length(domain) > 0 && !can(regex("[,=\\s]", domain))]) && contains(["open", "join", "invite"], var.settings.default_enrollment)
    error_message = "settings.tenant_enrollment: each key must be a domain or *.domain, each value open, join or invite; settings.default_enrollment open, join or invite."
  }

  validation {
    condition     = var.settings.token_cache_ttl_seconds >= 0 && var.settings.token_cache_ttl_seconds <= 3600
    error_message = "settings.token_cache_ttl_seconds must be between 0 and 3600."
  }

  validation {
    condition     = contains(["fail-closed", "degrade"], var.settings.store_failure_policy)
    error_message = "settings.store_failure_policy must be fail-closed or degrade."
  }

  validation {
    condition     = var.settings.claims_byte_budget >= 256 && var.settings.claims_byte_budget <= 16384
    error_message = "settings.claims_byte_budget must be between 256 and 16384 bytes."
  }

  validation {
    condition     = var.settings.brand_color == null || can(regex("^#[0-9a-fA-F]{6}$", var.settings.brand_color))
    error_message = "settings.brand_color must look like #1a2b3c."
  }

  validation {
    condition     = try(length(var.settings.app_name) <= 40, true)
    error_message = "settings.app_name must be at most 40 characters: it is in every subject and SMS, which Cognito caps at 140."
  }

  validation {
    condition     = contains(["en", "de", "es", "fr", "pt"], lower(replace(var.settings.default_locale, "_", "-")))
    error_message = "settings.default_locale must be a locale custom-message ships: en, de, es, fr or pt."
  }

  validation {
    condition     = length(distinct([for name in values(var.settings.claim_names) : lower(name)])) == 4 && length(setintersection(toset([for name in values(var.settings.claim_names) : lower(name)]), toset([for name in var.settings.claims_to_suppress : lower(name)]))) == 0
    error_message = "settings.claim_names: the four claims need four names (one claim cannot carry two values), and none of them may be in settings.claims_to_suppress."
  }

  validation {
    condition     = contains(["V1_0", "V2_0", "V3_0"], var.settings.pre_token_generation_version)
    error_message = "settings.pre_token_generation_version must be V1_0, V2_0 or V3_0."
  }

  validation {
    condition     = alltrue([for name in keys(var.settings.functions.memory_size_overrides) : contains(["pre-signup", "post-confirmation", "pre-authentication", "pre-token-generation", "custom-message"], name)])
    error_message = "settings.functions.memory_size_overrides keys must be trigger folders: pre-signup, post-confirmation, pre-authentication, pre-token-generation, custom-message."
  }

  validation {
    condition     = contains(["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"], var.settings.functions.log_level)
    error_message = "settings.functions.log_level must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL."
  }

  validation {
    condition     = var.settings.functions.timeout >= 1 && var.settings.functions.timeout <= 5
    error_message = "settings.functions.timeout must be between 1 and 5 seconds: Cognito gives a trigger 5 s."
  }

  validation {
    condition     = alltrue([for arn in [var.settings.tenant_table.kms_key_arn, var.settings.functions.log_kms_key_arn] : arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/", arn))])
    error_message = "settings.tenant_table.kms_key_arn and settings.functions.log_kms_key_arn must be KMS key (or alias) ARNs, or null."
  }
}
