output "user_pool_id" {
  description = "Id of the user pool."
  value       = aws_cognito_user_pool.this.id
}

output "user_pool_arn" {
  description = "ARN of the user pool."
  value       = aws_cognito_user_pool.this.arn
}

output "user_pool_endpoint" {
  description = "Endpoint of the pool (cognito-idp.<region>.amazonaws.com/<id>): the token issuer."
  value       = aws_cognito_user_pool.this.endpoint
}

output "client_id" {
  description = "Id of the public app client."
  value       = aws_cognito_user_pool_client.this.id
}

output "domain" {
  description = "The hosted domain prefix, when one was created."
  value       = one(aws_cognito_user_pool_domain.this[*].domain)
}
