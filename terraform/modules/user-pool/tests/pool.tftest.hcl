# Plans of the module with a mocked AWS provider (no account, no network): `terraform test`.

mock_provider "aws" {}

variables {
  name = "test-users"
  triggers = {
    pre_sign_up          = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreSignUp"
    post_confirmation    = "arn:aws:lambda:eu-west-1:123456789012:function:test-PostConfirmation"
    pre_authentication   = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreAuthentication"
    pre_token_generation = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreTokenGeneration"
    custom_message       = "arn:aws:lambda:eu-west-1:123456789012:function:test-CustomMessage"
  }
  user_pool_tier = "ESSENTIALS"
}

run "wires_every_trigger_it_is_handed" {
  command = plan

  assert {
    condition = (
      aws_cognito_user_pool.this.lambda_config[0].pre_sign_up == var.triggers.pre_sign_up &&
      aws_cognito_user_pool.this.lambda_config[0].post_confirmation == var.triggers.post_confirmation &&
      aws_cognito_user_pool.this.lambda_config[0].pre_authentication == var.triggers.pre_authentication &&
      aws_cognito_user_pool.this.lambda_config[0].custom_message == var.triggers.custom_message
    )
    error_message = "Every trigger handed over must be in the pool's lambda_config."
  }
  # The bare pre_token_generation argument would mean event version 1 only.
  assert {
    condition     = aws_cognito_user_pool.this.lambda_config[0].pre_token_generation_config[0].lambda_arn == var.triggers.pre_token_generation && aws_cognito_user_pool.this.lambda_config[0].pre_token_generation_config[0].lambda_version == "V2_0"
    error_message = "Pre token generation goes through pre_token_generation_config, with its version."
  }
}

run "keeps_custom_tenant_id_readable_but_never_writable_by_the_app_client" {
  command = plan

  assert {
    condition     = contains(aws_cognito_user_pool_client.this.read_attributes, "custom:tenant_id")
    error_message = "The app may read the tenant."
  }
  assert {
    condition     = length(aws_cognito_user_pool_client.this.write_attributes) > 0 && alltrue([for attribute in aws_cognito_user_pool_client.this.write_attributes : !startswith(attribute, "custom:tenant")])
    error_message = "The app client's write attributes must be explicit, and never a tenant attribute."
  }
  assert {
    condition     = aws_cognito_user_pool_client.this.generate_secret == false && aws_cognito_user_pool_client.this.allowed_oauth_flows == toset(["code"])
    error_message = "The client is public, authorization code flow (with PKCE)."
  }
}

run "keeps_the_old_email_until_a_new_one_is_verified" {
  command = plan

  assert {
    condition     = aws_cognito_user_pool.this.user_attribute_update_settings[0].attributes_require_verification_before_update == toset(["email"]) && contains(aws_cognito_user_pool.this.auto_verified_attributes, "email")
    error_message = "A changed email must take effect only once verified (which needs email auto-verified)."
  }
}

run "refuses_a_tenant_attribute_among_the_write_attributes" {
  command = plan

  variables {
    client = { write_attributes = ["email", "custom:tenant_id"] }
  }

  expect_failures = [var.client]
}

run "refuses_an_empty_write_attributes_list_which_aws_treats_as_unrestricted" {
  command = plan

  variables {
    client = { write_attributes = [] }
  }

  expect_failures = [var.client]
}

run "refuses_version_2_token_events_on_the_lite_tier" {
  command = plan

  variables {
    user_pool_tier = "LITE"
  }

  expect_failures = [aws_cognito_user_pool.this]
}
