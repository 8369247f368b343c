output "user_pool_id" {
  description = "The pool the triggers serve."
  value       = local.user_pool_id
}

output "user_pool_arn" {
  description = "ARN of that pool."
  value       = local.user_pool_arn
}

output "client_id" {
  description = "The public app client of a new pool (null when attached to an existing pool)."
  value       = one(module.user_pool[*].client_id)
}

output "function_arns" {
  description = "ARN of each trigger function, by trigger folder."
  value       = module.cognito_triggers.function_arns
}

output "attach_result" {
  description = "What the attach function answered (null for a new pool): the pool's lambdaConfig after attach, the foreign triggers it replaced (recorded in the tenant table), notes and warnings."
  value       = module.cognito_triggers.attach_result
}

output "tenant_table_name" {
  description = "The tenant table."
  value       = module.cognito_triggers.tenant_table_name
}

output "identity_pool_id" {
  description = "The identity pool, when identity_pool.enabled (null otherwise)."
  value       = one(module.identity_pool[*].identity_pool_id)
}

output "identity_pool_role_arn" {
  description = "The role of signed-in users' tenant-scoped credentials, when identity_pool.enabled."
  value       = one(module.identity_pool[*].authenticated_role_arn)
}

# Terraform drops the attributes of an object it does not declare: a misspelt setting would be
# lost without a word. So the plan fails on any key of settings the cognito-triggers module does
# not declare.
output "settings" {
  description = "The settings as the cognito-triggers module took them (every key, with its default)."
  value       = module.cognito_triggers.settings

  precondition {
    condition     = length(setsubtract(keys(var.settings), keys(module.cognito_triggers.settings))) == 0
    error_message = "settings: unknown key(s) ${join(", ", sort(setsubtract(keys(var.settings), keys(module.cognito_triggers.settings))))}; the keys are those of the cognito-triggers module's settings variable (modules/cognito-triggers/variables.tf)."
  }
}

output "deletion_protection" {
  description = "Whether the new pool and the tenant table refuse deletion (prod)."
  value       = var.deletion_protection
}
