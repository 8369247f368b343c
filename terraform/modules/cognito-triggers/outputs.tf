output "function_arns" {
  description = "ARN of each deployed function, by trigger folder (pre-signup, post-confirmation, pre-authentication, pre-token-generation, custom-message; those of settings.triggers)."
  value       = { for trigger, instance in module.function : trigger => instance.function_arn }
}

output "function_names" {
  description = "Name of each function, by trigger folder."
  value       = { for trigger, instance in module.function : trigger => instance.function_name }
}

output "lambda_config" {
  description = "The functions in the shape of the user-pool module's triggers variable: null for a slot the suite leaves out (settings.triggers)."
  value       = local.slots
}

output "role_arns" {
  description = "Execution role of each function, by trigger folder."
  value       = { for trigger, instance in module.function : trigger => instance.role_arn }
}

output "log_group_names" {
  description = "Log group of each function, by trigger folder."
  value       = { for trigger, instance in module.function : trigger => instance.log_group_name }
}

output "tenant_table_name" {
  description = "Name of the tenant table."
  value       = aws_dynamodb_table.this.name
}

output "tenant_table_arn" {
  description = "ARN of the tenant table."
  value       = aws_dynamodb_table.this.arn
}

output "role_group_names" {
  description = "The role groups created in the pool (empty when create_role_groups is false)."
  value       = [for group in aws_cognito_user_group.this : group.name]
}

output "attached" {
  description = "Whether the CLI attached the functions to the pool (attach = true)."
  value       = length(terraform_data.attach) > 0
}

output "function_environments" {
  description = "The environment of each deployed function, by trigger folder: what the settings became (a test compares it with what each trigger reads)."
  value       = { for folder, function in local.functions : folder => { for name, value in function.environment : name => value if value != null && value != "" } }
}

output "settings" {
  description = "The settings as this module took them: every key, with its default where it was not given."
  value       = var.settings
}

output "policy_statements" {
  description = "The IAM statements of each deployed function beyond writing its own logs, by trigger folder: exact actions on the tenant table and the pool (what each built bundle can send)."
  value       = { for folder, statements in local.policy_statements : folder => statements if contains(var.settings.triggers, folder) }
}
