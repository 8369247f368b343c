locals {
  artifacts_dir = coalesce(var.artifacts.dir, "${path.module}/../../artifacts")
  table_name    = coalesce(var.tenant_table.name, "${var.name_prefix}-tenants")
  region        = split(":", var.user_pool_arn)[3]

  # Read by post-confirmation and pre-token-generation alike (the tenant store's settings).
  tenant_environment = {
    TENANT_TABLE_NAME      = aws_dynamodb_table.this.name
    TENANT_DOMAIN_MAP      = join(",", [for domain, tenant in var.settings.tenant_domain_map : "${domain}=${tenant}"])
    PERSONAL_EMAIL_DOMAINS = join(",", var.settings.personal_email_domains)
    TENANT_ADMIN_GROUP     = var.settings.tenant_admin_group
    TENANT_MEMBER_GROUP    = var.settings.tenant_member_group
    DEFAULT_TENANT_TIER    = var.settings.default_tenant_tier
    AUTHORITATIVE_IDPS     = join(",", [for domain, provider in var.settings.authoritative_idps : "${domain}=${provider}"])
    TENANT_ENROLLMENT      = join(",", [for domain, mode in var.settings.tenant_enrollment : "${domain}=${mode}"])
    DEFAULT_ENROLLMENT     = var.settings.default_enrollment
  }

  token_environment = {
    CLAIM_TENANT_ID         = var.settings.claim_names.tenant_id
    CLAIM_TENANT_ROLE       = var.settings.claim_names.tenant_role
    CLAIM_TENANT_TIER       = var.settings.claim_names.tenant_tier
    CLAIM_TENANT_STATUS     = var.settings.claim_names.tenant_status
    ROLE_SCOPES             = length(var.settings.role_scopes) > 0 ? jsonencode(var.settings.role_scopes) : ""
    CLAIMS_TO_SUPPRESS      = join(",", var.settings.claims_to_suppress)
    TOKEN_CACHE_TTL_SECONDS = tostring(var.settings.token_cache_ttl_seconds)
    STORE_FAILURE_POLICY    = var.settings.store_failure_policy
    CLAIMS_BYTE_BUDGET      = tostring(var.settings.claims_byte_budget)
    CLIENT_TENANT_MAP       = join(",", [for client, tenant in var.settings.client_tenant_map : "${client}=${tenant}"])
  }

  # The five functions, keyed by their folder under triggers/. Each environment holds exactly the
  # variables its trigger reads (a test compares them with the triggers' own configuration).
  all_functions = {
    "pre-signup" = {
      name        = "PreSignUp"
      description = "Cognito pre sign-up: only allowlisted email domains may register"
      environment = {
        ALLOWED_EMAIL_DOMAINS = join(",", var.settings.allowed_email_domains)
        BLOCKED_EMAIL_DOMAINS = join(",", var.settings.blocked_email_domains)
        PROTECTED_ATTRIBUTES  = join(",", var.settings.protected_attributes)
        AUTO_CONFIRM_USERS    = tostring(var.settings.auto_confirm_users)
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
        TENANT_ADMIN_GROUP      = var.settings.tenant_admin_group
        TENANT_MEMBER_GROUP     = var.settings.tenant_member_group
        TOKEN_CACHE_TTL_SECONDS = tostring(var.settings.token_cache_ttl_seconds)
        STORE_FAILURE_POLICY    = var.settings.store_failure_policy
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
        APP_NAME        = var.settings.app_name
        DEFAULT_LOCALE  = var.settings.default_locale
        SUPPORT_EMAIL   = var.settings.support_email
        BRAND_COLOR     = var.settings.brand_color
        LOGO_URL        = var.settings.logo_url
        APP_URL         = var.settings.app_url
        VERIFY_LINK_URL = var.settings.verify_link_url
      }
    }
  }

  # Each deployed trigger's manifest in the artifacts folder: its handler, runtime and hash.
  manifests = { for folder in keys(local.functions) : folder => jsondecode(file("${local.artifacts_dir}/${folder}.json")) }

  # The functions this environment deploys and attaches (settings.triggers).
  functions = { for folder, function in local.all_functions : folder => function if contains(var.settings.triggers, folder) }

  # The pool's trigger slots, each with our function's ARN or null when the suite leaves it out.
  slots = {
    pre_sign_up          = try(module.function["pre-signup"].function_arn, null)
    post_confirmation    = try(module.function["post-confirmation"].function_arn, null)
    pre_authentication   = try(module.function["pre-authentication"].function_arn, null)
    pre_token_generation = try(module.function["pre-token-generation"].function_arn, null)
    custom_message       = try(module.function["custom-message"].function_arn, null)
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
    (var.settings.tenant_admin_group)  = "Tenant administrators (the tenant is the custom:tenant_id attribute)"
    (var.settings.tenant_member_group) = "Tenant members (the tenant is the custom:tenant_id attribute)"
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
    enabled = var.settings.tenant_table.point_in_time_recovery
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.settings.tenant_table.kms_key_arn
  }
}

module "function" {
  source   = "../trigger-function"
  for_each = local.functions

  function_name = "${var.name_prefix}-${each.value.name}"
  description   = each.value.description
  artifact = {
    zip              = var.artifacts.s3_bucket == null ? "${local.artifacts_dir}/${each.key}.zip" : null
    s3_bucket        = var.artifacts.s3_bucket
    s3_key           = var.artifacts.s3_bucket == null ? null : "${var.artifacts.s3_prefix}${each.key}.zip"
    source_code_hash = local.manifests[each.key].sourceCodeHash
    handler          = local.manifests[each.key].handler
    runtime          = local.manifests[each.key].runtime
  }
  # Only non-empty values: an unset variable lets the trigger's own default apply.
  environment_variables = { for env_name, env_value in each.value.environment : env_name => env_value if env_value != null && env_value != "" }
  policy_statements     = local.policy_statements[each.key]
  user_pool_arn         = var.user_pool_arn

  memory_size           = lookup(var.settings.functions.memory_size_overrides, each.key, var.settings.functions.memory_size)
  timeout               = var.settings.functions.timeout
  log_level             = var.settings.functions.log_level
  log_retention_in_days = var.settings.functions.log_retention_in_days
  log_kms_key_arn       = var.settings.functions.log_kms_key_arn
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
    user_pool_id      = var.user_pool_id
    slots             = local.slots
    pre_token_version = var.settings.pre_token_generation_version
  }

  # Destroy-time provisioners may read only self: everything detach needs is kept here. Only the
  # slots the suite deploys are named: any other trigger of the pool is left as it is.
  input = {
    cli          = local.cli_command
    region       = local.region
    user_pool_id = var.user_pool_id
    slots = join(" ", [for flag, arn in {
      "--pre-signup"           = local.slots.pre_sign_up
      "--post-confirmation"    = local.slots.post_confirmation
      "--pre-authentication"   = local.slots.pre_authentication
      "--pre-token-generation" = local.slots.pre_token_generation
      "--custom-message"       = local.slots.custom_message
    } : "${flag} ${arn}" if arn != null])
    pre_token_version = contains(var.settings.triggers, "pre-token-generation") ? "--pre-token-version ${var.settings.pre_token_generation_version}" : ""
  }

  provisioner "local-exec" {
    command = "${self.input.cli} attach --pool ${self.input.user_pool_id} --region ${self.input.region} ${self.input.slots} ${self.input.pre_token_version}"
  }

  provisioner "local-exec" {
    when    = destroy
    command = "${self.input.cli} detach --pool ${self.input.user_pool_id} --region ${self.input.region} ${self.input.slots}"
  }

  # The pool must be allowed to invoke a function before it is pointed at it.
  depends_on = [module.function]
}
