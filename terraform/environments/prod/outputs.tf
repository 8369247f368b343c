output "user_pool_id" {
  description = "The pool the triggers serve."
  value       = module.suite.user_pool_id
}

output "user_pool_arn" {
  description = "ARN of that pool."
  value       = module.suite.user_pool_arn
}

output "client_id" {
  description = "The public app client of a new pool (null when attached to an existing pool)."
  value       = module.suite.client_id
}

output "function_arns" {
  description = "ARN of each trigger function, by trigger folder."
  value       = module.suite.function_arns
}

output "attach_result" {
  description = "What the attach function answered (null for a new pool)."
  value       = module.suite.attach_result
}

output "tenant_table_name" {
  description = "The tenant table."
  value       = module.suite.tenant_table_name
}

output "identity_pool_id" {
  description = "The identity pool, when identity_pool.enabled (null otherwise)."
  value       = module.suite.identity_pool_id
}

output "identity_pool_role_arn" {
  description = "The role of signed-in users' tenant-scoped credentials, when identity_pool.enabled."
  value       = module.suite.identity_pool_role_arn
}

output "settings" {
  description = "The settings as the suite took them, defaults included."
  value       = module.suite.settings
}
