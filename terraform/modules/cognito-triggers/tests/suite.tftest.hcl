# Plans of the module with a mocked AWS provider (no account, no network): `terraform test`.
# The functions' bundles are the built triggers (pnpm build).

mock_provider "aws" {
  # Mocked values are known at plan: the outputs name the functions' and the table's ARNs.
  override_during = plan

  mock_resource "aws_lambda_function" {
    defaults = {
      arn = "arn:aws:lambda:eu-west-1:123456789012:function:test-Trigger"
    }
  }

  mock_resource "aws_dynamodb_table" {
    defaults = {
      arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/test-tenants"
    }
  }

  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  name_prefix   = "test"
  user_pool_id  = "eu-west-1_AbCdEf123"
  user_pool_arn = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEf123"
  settings = {
    allowed_email_domains = ["example.com", "*.example.com"]
    tenant_domain_map     = { "example.com" = "example" }
    app_name              = "Example"
  }
}

run "a_new_pool_gets_all_five_functions_and_their_environments" {
  command = plan

  assert {
    condition     = keys(output.function_environments) == ["custom-message", "post-confirmation", "pre-authentication", "pre-signup", "pre-token-generation"]
    error_message = "By default the suite deploys all five functions."
  }
  assert {
    condition     = output.function_environments["pre-signup"] == { ALLOWED_EMAIL_DOMAINS = "example.com,*.example.com", AUTO_CONFIRM_USERS = "false" }
    error_message = "Pre sign-up reads the allowlist; empty settings leave their variables unset."
  }
  assert {
    condition     = output.function_environments["post-confirmation"]["TENANT_TABLE_NAME"] == "test-tenants" && output.function_environments["post-confirmation"]["TENANT_DOMAIN_MAP"] == "example.com=example"
    error_message = "Post confirmation reads the table and the domain map."
  }
  assert {
    condition     = length(aws_lambda_invocation.attach) == 0 && length(module.attach_function) == 0 && output.attached == false
    error_message = "Without attach, a new pool takes the functions through lambda_config: no attach function, no invocation."
  }
  assert {
    condition     = aws_dynamodb_table.this.point_in_time_recovery[0].enabled && aws_dynamodb_table.this.server_side_encryption[0].enabled
    error_message = "The tenant table has point-in-time recovery and encryption."
  }
}

run "leaves_out_pre_signup" {
  command = plan
  variables {
    settings = { triggers = ["post-confirmation", "pre-authentication", "pre-token-generation", "custom-message"], app_name = "Example" }
  }
  assert {
    condition     = !contains(keys(output.function_environments), "pre-signup") && output.lambda_config.pre_sign_up == null
    error_message = "A trigger left out is neither deployed nor handed to the pool (and needs no allowlist)."
  }
}

run "leaves_out_post_confirmation" {
  command = plan
  variables {
    settings = { triggers = ["pre-signup", "pre-authentication", "pre-token-generation", "custom-message"], allowed_email_domains = ["example.com"], app_name = "Example" }
  }
  assert {
    condition     = !contains(keys(output.function_environments), "post-confirmation") && output.lambda_config.post_confirmation == null && !contains(keys(output.policy_statements), "post-confirmation")
    error_message = "A trigger left out is neither deployed, nor granted anything, nor handed to the pool."
  }
}

run "leaves_out_pre_authentication" {
  command = plan
  variables {
    settings = { triggers = ["pre-signup", "post-confirmation", "pre-token-generation", "custom-message"], allowed_email_domains = ["example.com"], app_name = "Example" }
  }
  assert {
    condition     = !contains(keys(output.function_environments), "pre-authentication") && output.lambda_config.pre_authentication == null
    error_message = "A trigger left out is neither deployed nor handed to the pool."
  }
}

run "leaves_out_pre_token_generation" {
  command = plan
  variables {
    settings = { triggers = ["pre-signup", "post-confirmation", "pre-authentication", "custom-message"], allowed_email_domains = ["example.com"], app_name = "Example" }
  }
  assert {
    condition     = !contains(keys(output.function_environments), "pre-token-generation") && output.lambda_config.pre_token_generation == null
    error_message = "A trigger left out is neither deployed nor handed to the pool."
  }
}

run "leaves_out_custom_message_and_needs_no_app_name" {
  command = plan
  variables {
    settings = { triggers = ["pre-signup", "post-confirmation", "pre-authentication", "pre-token-generation"], allowed_email_domains = ["example.com"] }
  }
  assert {
    condition     = !contains(keys(output.function_environments), "custom-message") && output.lambda_config.custom_message == null
    error_message = "A trigger left out is neither deployed nor handed to the pool (and needs no app name)."
  }
}

run "grants_exact_actions_on_the_table_and_the_pool_only" {
  command = plan

  assert {
    condition = alltrue(flatten([
      for folder, statements in output.policy_statements : [
        for statement in statements : [
          for action in statement.actions : !strcontains(action, "*") && (startswith(action, "dynamodb:") || startswith(action, "cognito-idp:"))
        ]
      ]
    ]))
    error_message = "Every action is named exactly (no wildcard), on DynamoDB or Cognito only."
  }
  assert {
    condition = alltrue(flatten([
      for folder, statements in output.policy_statements : [
        for statement in statements : [
          for resource in statement.resources : resource == var.user_pool_arn || resource == aws_dynamodb_table.this.arn
        ]
      ]
    ]))
    error_message = "Every statement names the pool or the tenant table, never a wildcard or an index."
  }
  assert {
    condition     = output.policy_statements["pre-signup"] == [] && output.policy_statements["custom-message"] == []
    error_message = "Pre sign-up and custom message call no AWS service."
  }
}

run "refuses_an_empty_allowlist" {
  command = plan
  variables {
    settings = { allowed_email_domains = [], app_name = "Example" }
  }
  expect_failures = [var.settings]
}

run "refuses_an_empty_app_name" {
  command = plan
  variables {
    settings = { allowed_email_domains = ["example.com"], app_name = " " }
  }
  expect_failures = [var.settings]
}

run "refuses_a_missing_app_name" {
  command = plan
  variables {
    settings = { allowed_email_domains = ["example.com"] }
  }
  expect_failures = [var.settings]
}

run "refuses_an_app_name_too_long_for_a_subject" {
  command = plan
  variables {
    settings = { allowed_email_domains = ["example.com"], app_name = "An Application Name Of Forty-One Letters!" }
  }
  expect_failures = [var.settings]
}

run "refuses_a_default_locale_custom_message_does_not_ship" {
  command = plan
  variables {
    settings = { allowed_email_domains = ["example.com"], app_name = "Example", default_locale = "pt-BR" }
  }
  expect_failures = [var.settings]
}

run "refuses_one_name_for_two_claims" {
  command = plan
  variables {
    settings = { allowed_email_domains = ["example.com"], app_name = "Example", claim_names = { tenant_tier = "tenant_id" } }
  }
  expect_failures = [var.settings]
}

run "refuses_to_suppress_a_claim_it_adds" {
  command = plan
  variables {
    settings = { allowed_email_domains = ["example.com"], app_name = "Example", claims_to_suppress = ["tenant_role"] }
  }
  expect_failures = [var.settings]
}

run "refuses_a_pool_id_that_is_not_a_pool_id" {
  command = plan
  variables {
    user_pool_id  = "my-pool"
    user_pool_arn = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/my-pool"
  }
  expect_failures = [var.user_pool_id]
}

run "refuses_a_pool_arn_of_another_pool" {
  command = plan
  variables {
    user_pool_arn = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Other1"
  }
  expect_failures = [var.user_pool_arn]
}

run "refuses_an_unknown_trigger" {
  command = plan
  variables {
    settings = { triggers = ["pre-signup", "post-authentication"], allowed_email_domains = ["example.com"] }
  }
  expect_failures = [var.settings]
}

run "refuses_an_unknown_enrollment_mode" {
  command = plan
  variables {
    settings = { allowed_email_domains = ["example.com"], app_name = "Example", tenant_enrollment = { "example.com" = "anyone" } }
  }
  expect_failures = [var.settings]
}

run "refuses_a_timeout_cognito_would_not_wait_for" {
  command = plan
  variables {
    settings = { allowed_email_domains = ["example.com"], app_name = "Example", functions = { timeout = 10 } }
  }
  expect_failures = [var.settings]
}

run "refuses_a_kms_key_that_is_not_an_arn" {
  command = plan
  variables {
    settings = { allowed_email_domains = ["example.com"], app_name = "Example", tenant_table = { kms_key_arn = "alias/mine" } }
  }
  expect_failures = [var.settings]
}
