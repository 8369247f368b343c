output "function_arns" {
  description = "ARN of each function, by trigger folder (pre-signup, post-confirmation, pre-authentication, pre-token-generation, custom-message)."
  value       = { for trigger, instance in module.function : trigger => instance.function_arn }
}

output "function_names" {
  description = "Name of each function, by trigger folder."
  value       = { for trigger, instance in module.function : trigger => instance.function_name }
}

output "lambda_config" {
  description = "The functions in the shape of the user-pool module's triggers variable."
  value = {
    pre_sign_up          = module.function["pre-signup"].function_arn
    post_confirmation    = module.function["post-confirmation"].function_arn
    pre_authentication   = module.function["pre-authentication"].function_arn
    pre_token_generation = module.function["pre-token-generation"].function_arn
    custom_message       = module.function["custom-message"].function_arn
  }
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
