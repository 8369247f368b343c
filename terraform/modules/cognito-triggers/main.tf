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

  # The pool's LambdaConfig slot each trigger fills: the names the attach function takes.
  lambda_config_slots = {
    "pre-signup"           = "PreSignUp"
    "post-confirmation"    = "PostConfirmation"
    "pre-authentication"   = "PreAuthentication"
    "pre-token-generation" = "PreTokenGeneration"
    "custom-message"       = "CustomMessage"
  }

  # What the attach function is invoked with (attach = true): our deployed functions by slot
  # (a slot the suite leaves out is not named, so attach never touches it), and the slots whose
  # foreign trigger it may replace.
  attach_input = {
    userPoolId                = var.user_pool_id
    triggers                  = { for folder, instance in module.function : local.lambda_config_slots[folder] => instance.function_arn }
    preTokenGenerationVersion = var.settings.pre_token_generation_version
    replaceable               = sort(distinct([for folder in var.replace_triggers : local.lambda_config_slots[folder]]))
    protectedAttributes       = var.settings.protected_attributes
    # Not read by the function: a new value only makes Terraform invoke it again (an update).
    revision = var.attach_revision
  }

  # The attach function's built bundle: read only when attaching, so that a new pool does not
  # need it in the artifacts folder.
  attach_manifest = var.attach ? jsondecode(file("${local.artifacts_dir}/attach.json")) : null

  # Exactly the calls the attach function sends (the "awsActions" of its manifest, which the
  # contract test compares): the pool's settings and clients, read and written on this pool
  # only; and its own record of the foreign triggers it replaced, one item of the tenant table
  # (PK = POOL#<pool id>), which detach reads to put them back. The LeadingKeys condition keeps
  # it off every other item, the tenants and memberships included.
  attach_policy_statements = [
    {
      sid       = "AttachToPool"
      actions   = ["cognito-idp:DescribeUserPool", "cognito-idp:DescribeUserPoolClient", "cognito-idp:ListUserPoolClients", "cognito-idp:UpdateUserPool"]
      resources = [var.user_pool_arn]
    },
    {
      sid       = "AttachmentRecord"
      actions   = ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem"]
      resources = [aws_dynamodb_table.this.arn]
      conditions = [{
        test     = "ForAllValues:StringEquals"
        variable = "dynamodb:LeadingKeys"
        values   = ["POOL#${var.user_pool_id}"]
      }]
    },
  ]
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
# alone, and UpdateUserPool resets whatever it is not given. So a small function of the suite
# describes the pool, copies every setting, merges only our triggers and updates it, and on
# destroy removes only the triggers that still point at us. Terraform invokes it with the
# provider's credentials (CloudFormation's custom-resource pattern): nothing runs on the machine
# that applies, and the pool id never reaches a shell.
module "attach_function" {
  source = "../trigger-function"
  count  = var.attach ? 1 : 0

  function_name      = "${var.name_prefix}-AttachTriggers"
  description        = "Attaches the suite's triggers to user pool ${var.user_pool_id} (invoked by Terraform)"
  invoked_by_cognito = false
  artifact = {
    zip              = var.artifacts.s3_bucket == null ? "${local.artifacts_dir}/attach.zip" : null
    s3_bucket        = var.artifacts.s3_bucket
    s3_key           = var.artifacts.s3_bucket == null ? null : "${var.artifacts.s3_prefix}attach.zip"
    source_code_hash = local.attach_manifest.sourceCodeHash
    handler          = local.attach_manifest.handler
    runtime          = local.attach_manifest.runtime
  }
  environment_variables = { TENANT_TABLE_NAME = aws_dynamodb_table.this.name }
  policy_statements     = local.attach_policy_statements

  # Several Cognito and DynamoDB calls, each with retries: far more than a trigger's 5 s.
  memory_size           = 256
  timeout               = 60
  log_level             = var.settings.functions.log_level
  log_retention_in_days = var.settings.functions.log_retention_in_days
  log_kms_key_arn       = var.settings.functions.log_kms_key_arn
  tags                  = var.tags
}

# Create attaches, an input change (a trigger added or left out, replace_triggers, the pre token
# generation version) updates, destroy detaches: the provider adds {"tf": {"action": …,
# "prev_input": …}} to the input. A refusal (a foreign trigger in a slot not in replace_triggers,
# an app client that can write a protected attribute) fails the apply with the function's message.
resource "aws_lambda_invocation" "attach" {
  count = var.attach ? 1 : 0

  function_name   = module.attach_function[0].function_name
  input           = jsonencode(local.attach_input)
  lifecycle_scope = "CRUD"
  terraform_key   = "tf"

  # The pool may point at a function only once it may invoke it (the triggers' permissions), and
  # destroy must still find the attach function's IAM policies when it invokes it to detach.
  depends_on = [module.function, module.attach_function]
}

# The attachment's earlier form ran the CLI in a local-exec. Forget it without detaching: the
# invocation above takes the same slots over (they already point at our functions).
removed {
  from = terraform_data.attach

  lifecycle {
    destroy = false
  }
}

# Drift: someone pointed one of our slots elsewhere (console, CLI, another stack). The pool is
# read after the attachment (and the functions) have their changes applied: at plan when nothing
# changes, at apply otherwise; a check's data source takes no count, so without attach the
# condition does not look at it (a conditional, unlike ||, leaves the branch it does not take).
check "triggers_attached" {
  data "aws_cognito_user_pool" "attached" {
    user_pool_id = var.user_pool_id

    depends_on = [aws_lambda_invocation.attach, module.function]
  }

  assert {
    # local.slots is keyed like the data source's lambda_config; null: a slot the suite leaves out.
    condition = var.attach ? alltrue([
      for attribute, arn in local.slots : arn == null || arn == (
        attribute == "pre_token_generation"
        ? try(data.aws_cognito_user_pool.attached.lambda_config[0].pre_token_generation_config[0].lambda_arn, null)
        : try(data.aws_cognito_user_pool.attached.lambda_config[0][attribute], null)
      )
    ]) : true
    error_message = "User pool ${var.user_pool_id} no longer points every slot of the suite at its function (changed outside Terraform); it should hold ${jsonencode(local.attach_input.triggers)}. Attach again in place: give attach_revision a new value (in the environment roots, attach_revision in terraform.tfvars.json) and apply; it never detaches first. A slot now held by another function is refused unless it is in replace_triggers."
  }
}
