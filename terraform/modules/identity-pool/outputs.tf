output "identity_pool_id" {
  description = "Id of the identity pool (eu-west-1:1a2b…): what GetId and GetCredentialsForIdentity take."
  value       = aws_cognito_identity_pool.this.id
}

output "identity_pool_arn" {
  description = "ARN of the identity pool."
  value       = aws_cognito_identity_pool.this.arn
}

output "provider_name" {
  description = "The user pool as the identity pool names it (cognito-idp.<region>.amazonaws.com/<pool id>): the key of the Logins map."
  value       = local.provider_name
}

output "authenticated_role_arn" {
  description = "ARN of the role signed-in users' credentials carry."
  value       = aws_iam_role.this.arn
}

output "authenticated_role_name" {
  description = "Name of that role, to attach further tenant-scoped policies to."
  value       = aws_iam_role.this.name
}
