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
  description = "Whether the attach function attaches the functions to the pool (attach = true)."
  value       = length(aws_lambda_invocation.attach) > 0
}

output "attach_input" {
  description = "What the attach function is invoked with (null without attach): userPoolId, triggers (our function by LambdaConfig slot, only the deployed ones), preTokenGenerationVersion, replaceable (the slots of replace_triggers), protectedAttributes."
  value       = var.attach ? local.attach_input : null
}

output "attach_result" {
  description = "What the attach function answered on its last create or update (null without attach): action, userPoolId, lambdaConfig (the pool's after the change), replaced (the foreign triggers it took over, recorded in the tenant table), restored, updated, notes and warnings."
  value       = var.attach ? jsondecode(aws_lambda_invocation.attach[0].result) : null
}

output "attach_function_name" {
  description = "Name of the attach function (null without attach): its logs are in /aws/lambda/<name>."
  value       = one(module.attach_function[*].function_name)
}

output "attach_policy_statements" {
  description = "The IAM statements of the attach function beyond writing its own logs ([] without attach): exact Cognito actions on the pool, and DynamoDB actions on the tenant table limited to its own record (dynamodb:LeadingKeys POOL#<pool id>); a test compares the actions with its built bundle's."
  value       = [for statement in local.attach_policy_statements : statement if var.attach]
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
