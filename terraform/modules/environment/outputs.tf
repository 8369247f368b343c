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
