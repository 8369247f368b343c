output "function_arn" {
  description = "ARN of the function: the value for the pool's lambda_config."
  value       = aws_lambda_function.this.arn
}

output "function_name" {
  description = "Name of the function."
  value       = aws_lambda_function.this.function_name
}

output "source_code_hash" {
  description = "Base64 SHA-256 of the deployed zip (the artifact's source_code_hash)."
  value       = aws_lambda_function.this.source_code_hash
}

output "role_arn" {
  description = "ARN of the function's execution role."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the function's execution role."
  value       = aws_iam_role.this.name
}

output "log_group_name" {
  description = "Name of the function's log group."
  value       = aws_cloudwatch_log_group.this.name
}

output "log_group_arn" {
  description = "ARN of the function's log group."
  value       = aws_cloudwatch_log_group.this.arn
}

output "permission_id" {
  description = "Id of the permission that lets the pool invoke the function; depend on it before pointing the pool at the function. null when invoked_by_cognito is false."
  value       = one(aws_lambda_permission.this[*].id)
}
