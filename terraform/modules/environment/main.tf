locals {
  name_prefix = "${var.name_prefix}-${var.environment}"
  attach      = var.existing_user_pool_id != null

  user_pool_id  = local.attach ? one(data.aws_cognito_user_pool.existing[*].id) : one(module.user_pool[*].user_pool_id)
  user_pool_arn = local.attach ? one(data.aws_cognito_user_pool.existing[*].arn) : one(module.user_pool[*].user_pool_arn)
}

# Either an existing pool, whose triggers the suite's attach function merges in (every other
# setting kept) ...
data "aws_cognito_user_pool" "existing" {
  count = local.attach ? 1 : 0

  user_pool_id = var.existing_user_pool_id
}

# ... or a new one, wired to the functions directly.
module "user_pool" {
  source = "../user-pool"
  count  = local.attach ? 0 : 1

  name                         = local.name_prefix
  triggers                     = module.cognito_triggers.lambda_config
  pre_token_generation_version = module.cognito_triggers.settings.pre_token_generation_version
  user_pool_tier               = var.user_pool.user_pool_tier
  mfa_configuration            = var.user_pool.mfa_configuration
  domain_prefix                = var.user_pool.domain_prefix
  deletion_protection          = var.deletion_protection

  client = {
    callback_urls = var.user_pool.callback_urls
    logout_urls   = var.user_pool.logout_urls
  }
}

module "cognito_triggers" {
  source = "../cognito-triggers"

  name_prefix      = local.name_prefix
  user_pool_id     = local.user_pool_id
  user_pool_arn    = local.user_pool_arn
  attach           = local.attach
  replace_triggers = var.replace_triggers
  attach_revision  = var.attach_revision
  artifacts        = var.artifacts
  settings         = var.settings

  tenant_table = {
    deletion_protection_enabled = var.deletion_protection
  }
}

# Optional (identity_pool.enabled): the tokens' tenant_id as tenant-scoped AWS credentials.
module "identity_pool" {
  source = "../identity-pool"
  count  = var.identity_pool.enabled ? 1 : 0

  name              = local.name_prefix
  user_pool_id      = local.user_pool_id
  client_ids        = length(var.identity_pool.client_ids) > 0 ? var.identity_pool.client_ids : module.user_pool[*].client_id
  tenant_claim      = module.cognito_triggers.settings.claim_names.tenant_id
  tenant_bucket_arn = var.identity_pool.tenant_bucket_arn
  tags              = var.identity_pool.tags
}
