locals {
  # Everything the client may read: the standard profile plus the tenant, which only the
  # post-confirmation trigger (through the admin API) ever writes.
  read_attributes = distinct(concat(var.client.write_attributes, ["email_verified", "custom:tenant_id"]))
}

resource "aws_cognito_user_pool" "this" {
  name                     = var.name
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  deletion_protection      = var.deletion_protection ? "ACTIVE" : "INACTIVE"
  mfa_configuration        = var.mfa_configuration
  user_pool_tier           = var.user_pool_tier
  tags                     = var.tags

  username_configuration {
    case_sensitive = false
  }

  # A changed email takes effect only once the user confirms it (needs email in
  # auto_verified_attributes): until then the old, verified address stays the sign-in email.
  user_attribute_update_settings {
    attributes_require_verification_before_update = ["email"]
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  admin_create_user_config {
    allow_admin_create_user_only = false
  }

  password_policy {
    minimum_length                   = var.password_policy.minimum_length
    require_lowercase                = var.password_policy.require_lowercase
    require_uppercase                = var.password_policy.require_uppercase
    require_numbers                  = var.password_policy.require_numbers
    require_symbols                  = var.password_policy.require_symbols
    temporary_password_validity_days = var.password_policy.temporary_password_validity_days
  }

  dynamic "software_token_mfa_configuration" {
    for_each = var.mfa_configuration == "OFF" ? [] : [true]

    content {
      enabled = true
    }
  }

  email_configuration {
    email_sending_account  = var.email.sending_account
    source_arn             = var.email.source_arn
    from_email_address     = var.email.from_email_address
    reply_to_email_address = var.email.reply_to_email_address
    configuration_set      = var.email.configuration_set
  }

  # Mutable, so that provisioning can set it after sign-up; no app client may write it.
  schema {
    name                     = "tenant_id"
    attribute_data_type      = "String"
    mutable                  = true
    required                 = false
    developer_only_attribute = false

    string_attribute_constraints {
      min_length = 1
      max_length = 64
    }
  }

  lambda_config {
    pre_sign_up        = var.triggers.pre_sign_up
    post_confirmation  = var.triggers.post_confirmation
    pre_authentication = var.triggers.pre_authentication
    custom_message     = var.triggers.custom_message

    # The bare pre_token_generation argument would mean event version 1 only.
    dynamic "pre_token_generation_config" {
      for_each = var.triggers.pre_token_generation == null ? [] : [var.triggers.pre_token_generation]

      content {
        lambda_arn     = pre_token_generation_config.value
        lambda_version = var.pre_token_generation_version
      }
    }
  }

  lifecycle {
    precondition {
      condition     = var.pre_token_generation_version == "V1_0" || var.user_pool_tier != "LITE"
      error_message = "pre_token_generation_version ${var.pre_token_generation_version} needs user_pool_tier ESSENTIALS or PLUS."
    }
  }
}

resource "aws_cognito_user_pool_client" "this" {
  name         = var.client.name
  user_pool_id = aws_cognito_user_pool.this.id

  # A public client (browser or mobile app): no secret, authorization code flow with PKCE.
  generate_secret                      = false
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = var.client.oauth_scopes
  supported_identity_providers         = ["COGNITO"]
  callback_urls                        = var.client.callback_urls
  logout_urls                          = var.client.logout_urls
  explicit_auth_flows                  = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors        = "ENABLED"
  enable_token_revocation              = true

  read_attributes  = local.read_attributes
  write_attributes = var.client.write_attributes

  access_token_validity  = var.client.access_token_validity_minutes
  id_token_validity      = var.client.id_token_validity_minutes
  refresh_token_validity = var.client.refresh_token_validity_days

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }
}

resource "aws_cognito_user_pool_domain" "this" {
  count = var.domain_prefix == null ? 0 : 1

  domain       = var.domain_prefix
  user_pool_id = aws_cognito_user_pool.this.id
}
