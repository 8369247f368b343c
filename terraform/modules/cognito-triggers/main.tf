locals {
  triggers_dir = coalesce(var.triggers_dir, "${path.module}/../../../triggers")
  table_name   = coalesce(var.tenant_table.name, "${var.name_prefix}-tenants")
  region       = split(":", var.user_pool_arn)[3]

  # Read by post-confirmation and pre-token-generation alike (the tenant store's settings).
  tenant_environment = {
    TENANT_TABLE_NAME      = aws_dynamodb_table.this.name
    TENANT_DOMAIN_MAP      = join(",", [for domain, tenant in var.tenant_domain_map : "${domain}=${tenant}"])
    PERSONAL_EMAIL_DOMAINS = join(",", var.personal_email_domains)
    TENANT_ADMIN_GROUP     = var.tenant_admin_group
    TENANT_MEMBER_GROUP    = var.tenant_member_group
    DEFAULT_TENANT_TIER    = var.default_tenant_tier
    AUTHORITATIVE_IDPS     = join(",", [for domain, provider in var.authoritative_idps : "${domain}=${provider}"])
    TENANT_ENROLLMENT      = join(",", [for domain, mode in var.tenant_enrollment : "${domain}=${mode}"])
    DEFAULT_ENROLLMENT     = var.default_enrollment
  }

  token_environment = {
    CLAIM_TENANT_ID         = var.claim_names.tenant_id
    CLAIM_TENANT_ROLE       = var.claim_names.tenant_role
    CLAIM_TENANT_TIER       = var.claim_names.tenant_tier
    CLAIM_TENANT_STATUS     = var.claim_names.tenant_status
    ROLE_SCOPES             = length(var.role_scopes) > 0 ? jsonencode(var.role_scopes) : ""
    CLAIMS_TO_SUPPRESS      = join(",", var.claims_to_suppress)
    TOKEN_CACHE_TTL_SECONDS = tostring(var.token_cache_ttl_seconds)
    STORE_FAILURE_POLICY    = var.store_failure_policy
    CLAIMS_BYTE_BUDGET      = tostring(var.claims_byte_budget)
    CLIENT_TENANT_MAP       = join(",", [for client, tenant in var.client_tenant_map : "${client}=${tenant}"])
  }

  # The five functions, keyed by their folder under triggers/. Each environment holds exactly the
  # variables its trigger reads (a test compares them with the triggers' own configuration).
  functions = {
    "pre-signup" = {
      name        = "PreSignUp"
      description = "Cognito pre sign-up: only allowlisted email domains may register"
      environment = {
        ALLOWED_EMAIL_DOMAINS = join(",", var.allowed_email_domains)
        BLOCKED_EMAIL_DOMAINS = join(",", var.blocked_email_domains)
        PROTECTED_ATTRIBUTES  = join(",", var.protected_attributes)
        AUTO_CONFIRM_USERS    = tostring(var.auto_confirm_users)
      }
    }
    "post-confirmation" = {
      name        = "PostConfirmation"
      description = "Cognito post confirmation: provisions the user's tenant and membership"
      environment = local.tenant_environment
    }
    "pre-authentication" = {
      name        = "PreAuthentication"
      description = "Cognito pre authentication: refuses members of a suspended tenant and removed members"
      # The store, the role groups and the token trigger's cache and failure policy: same names.
      environment = {
        TENANT_TABLE_NAME       = aws_dynamodb_table.this.name
        TENANT_ADMIN_GROUP      = var.tenant_admin_group
        TENANT_MEMBER_GROUP     = var.tenant_member_group
        TOKEN_CACHE_TTL_SECONDS = tostring(var.token_cache_ttl_seconds)
        STORE_FAILURE_POLICY    = var.store_failure_policy
      }
    }
    "pre-token-generation" = {
      name        = "PreTokenGeneration"
      description = "Cognito pre token generation: tenant, role and group claims"
      environment = merge(local.tenant_environment, local.token_environment)
    }
    "custom-message" = {
      name        = "CustomMessage"
      description = "Cognito custom message: branded, localised verification and invitation messages"
      environment = {
        APP_NAME        = var.app_name
        DEFAULT_LOCALE  = var.default_locale
        SUPPORT_EMAIL   = var.support_email
        BRAND_COLOR     = var.brand_color
        LOGO_URL        = var.logo_url
        APP_URL         = var.app_url
        VERIFY_LINK_URL = var.verify_link_url
      }
    }
  }

  # Each function may make exactly the AWS calls its code can send: the "awsActions" of its
  # built bundle (triggers/<name>/dist/manifest.json), which a test compares with these lists.
  # DynamoDB actions on the tenant table only (no function queries the GSI1 index at sign-in),
  # Cognito actions on this pool only. Post confirmation provisions by email: single-item reads
  # (a domain claim, a tenant) and the sign-in writes (GetItem, UpdateItem), never a query; pre
  # authentication only reads (the lookup), so it may not write the table.
  # Kept apart from local.functions (which decides the module instances) so that the functions
  # never depend on the pool ARN: a new pool needs their ARNs first.
  policy_statements = {
    "pre-signup" = []
    "post-confirmation" = [
      {
        sid       = "TenantStore"
        actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem"]
        resources = [aws_dynamodb_table.this.arn]
      },
      {
        sid       = "ProvisionUser"
        actions   = ["cognito-idp:AdminAddUserToGroup", "cognito-idp:AdminUpdateUserAttributes"]
        resources = [var.user_pool_arn]
      },
    ]
    "pre-authentication" = [
      {
        sid       = "TenantStore"
        actions   = ["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query"]
        resources = [aws_dynamodb_table.this.arn]
      },
    ]
    "pre-token-generation" = [
      {
        sid       = "TenantStore"
        actions   = ["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem"]
        resources = [aws_dynamodb_table.this.arn]
      },
      {
        sid       = "ProvisionUser"
        actions   = ["cognito-idp:AdminAddUserToGroup", "cognito-idp:AdminUpdateUserAttributes"]
        resources = [var.user_pool_arn]
      },
    ]
    "custom-message" = []
  }

  role_groups = var.create_role_groups ? {
    (var.tenant_admin_group)  = "Tenant administrators (the tenant is the custom:tenant_id attribute)"
    (var.tenant_member_group) = "Tenant members (the tenant is the custom:tenant_id attribute)"
  } : {}

  cli_command = coalesce(var.cli_command, "node ${path.module}/../../../packages/cli/bin/cognito-triggers.mjs")
}

resource "aws_dynamodb_table" "this" {
  name                        = local.table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "PK"
  range_key                   = "SK"
  deletion_protection_enabled = var.tenant_table.deletion_protection_enabled
  tags                        = var.tags

  attribute {
    name = "PK"
    type = "S"
  }

  attribute {
    name = "SK"
    type = "S"
  }

  attribute {
    name = "GSI1PK"
    type = "S"
  }

  attribute {
    name = "GSI1SK"
    type = "S"
  }

  # Memberships inverted (TENANT#<id>, USER#<sub>): lists a tenant's members.
  global_secondary_index {
    name            = "GSI1"
    hash_key        = "GSI1PK"
    range_key       = "GSI1SK"
    projection_type = "ALL"
  }

  point_in_time_recovery {
    enabled = var.tenant_table.point_in_time_recovery
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.tenant_table.kms_key_arn
  }
}

module "function" {
  source   = "../trigger-function"
  for_each = local.functions

  function_name = "${var.name_prefix}-${each.value.name}"
  description   = each.value.description
  dist_dir      = "${local.triggers_dir}/${each.key}/dist"
  # Only non-empty values: an unset variable lets the trigger's own default apply.
  environment_variables = { for env_name, env_value in each.value.environment : env_name => env_value if env_value != null && env_value != "" }
  policy_statements     = local.policy_statements[each.key]
  user_pool_arn         = var.user_pool_arn

  memory_size           = lookup(var.functions.memory_size_overrides, each.key, var.functions.memory_size)
  timeout               = var.functions.timeout
  log_level             = var.functions.log_level
  log_retention_in_days = var.functions.log_retention_in_days
  log_kms_key_arn       = var.functions.log_kms_key_arn
  tags                  = var.tags
}

resource "aws_cognito_user_group" "this" {
  for_each = local.role_groups

  user_pool_id = var.user_pool_id
  name         = each.key
  description  = each.value
}

# A pool this configuration does not own: the provider has no resource for its lambda_config
# alone, and UpdateUserPool resets whatever it is not given, so the CLI copies every setting,
# merges only our triggers, and on destroy removes only triggers that still point at us.
resource "terraform_data" "attach" {
  count = var.attach ? 1 : 0

  triggers_replace = {
    user_pool_id         = var.user_pool_id
    pre_signup           = module.function["pre-signup"].function_arn
    post_confirmation    = module.function["post-confirmation"].function_arn
    pre_authentication   = module.function["pre-authentication"].function_arn
    pre_token_generation = module.function["pre-token-generation"].function_arn
    custom_message       = module.function["custom-message"].function_arn
    pre_token_version    = var.pre_token_generation_version
  }

  # Destroy-time provisioners may read only self: everything detach needs is kept here.
  input = {
    cli                  = local.cli_command
    region               = local.region
    user_pool_id         = var.user_pool_id
    pre_signup           = module.function["pre-signup"].function_arn
    post_confirmation    = module.function["post-confirmation"].function_arn
    pre_authentication   = module.function["pre-authentication"].function_arn
    pre_token_generation = module.function["pre-token-generation"].function_arn
    custom_message       = module.function["custom-message"].function_arn
    pre_token_version    = var.pre_token_generation_version
  }

  provisioner "local-exec" {
    command = "${self.input.cli} attach --pool ${self.input.user_pool_id} --region ${self.input.region} --pre-signup ${self.input.pre_signup} --post-confirmation ${self.input.post_confirmation} --pre-authentication ${self.input.pre_authentication} --pre-token-generation ${self.input.pre_token_generation} --pre-token-version ${self.input.pre_token_version} --custom-message ${self.input.custom_message}"
  }

  provisioner "local-exec" {
    when    = destroy
    command = "${self.input.cli} detach --pool ${self.input.user_pool_id} --region ${self.input.region} --pre-signup ${self.input.pre_signup} --post-confirmation ${self.input.post_confirmation} --pre-authentication ${self.input.pre_authentication} --pre-token-generation ${self.input.pre_token_generation} --custom-message ${self.input.custom_message}"
  }

  # The pool must be allowed to invoke a function before it is pointed at it.
  depends_on = [module.function]
}
