# Shared by every root under environments/ (each links this file as its own main.tf): the
# environment's name and protections come from the root's environment.tf, every other input from
# its terraform.tfvars.json, passed through unchanged.

module "suite" {
  source = "../../modules/environment"

  environment         = local.environment
  deletion_protection = local.deletion_protection

  name_prefix                  = var.name_prefix
  existing_user_pool_id        = var.existing_user_pool_id
  pre_token_generation_version = var.pre_token_generation_version
  user_pool                    = var.user_pool
  functions                    = var.functions
  identity_pool                = var.identity_pool

  allowed_email_domains   = var.allowed_email_domains
  blocked_email_domains   = var.blocked_email_domains
  protected_attributes    = var.protected_attributes
  auto_confirm_users      = var.auto_confirm_users
  tenant_domain_map       = var.tenant_domain_map
  personal_email_domains  = var.personal_email_domains
  tenant_admin_group      = var.tenant_admin_group
  tenant_member_group     = var.tenant_member_group
  default_tenant_tier     = var.default_tenant_tier
  authoritative_idps      = var.authoritative_idps
  tenant_enrollment       = var.tenant_enrollment
  default_enrollment      = var.default_enrollment
  claim_names             = var.claim_names
  role_scopes             = var.role_scopes
  claims_to_suppress      = var.claims_to_suppress
  token_cache_ttl_seconds = var.token_cache_ttl_seconds
  store_failure_policy    = var.store_failure_policy
  claims_byte_budget      = var.claims_byte_budget
  client_tenant_map       = var.client_tenant_map
  app_name                = var.app_name
  default_locale          = var.default_locale
  support_email           = var.support_email
  brand_color             = var.brand_color
  logo_url                = var.logo_url
  app_url                 = var.app_url
  verify_link_url         = var.verify_link_url
}
