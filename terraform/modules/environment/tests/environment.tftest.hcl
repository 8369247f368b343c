# Plans of the module with a mocked AWS provider (no account, no network): `terraform test`.

mock_provider "aws" {
  override_during = plan

  mock_resource "aws_lambda_function" {
    defaults = {
      arn = "arn:aws:lambda:eu-west-1:123456789012:function:test-Trigger"
    }
  }

  mock_resource "aws_cognito_user_pool" {
    defaults = {
      id  = "eu-west-1_NewPool1"
      arn = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_NewPool1"
    }
  }

  mock_data "aws_cognito_user_pool" {
    defaults = {
      id  = "eu-west-1_Existing1"
      arn = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Existing1"
    }
  }

  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  environment = "test"
  settings = {
    allowed_email_domains = ["example.com"]
    app_name              = "Example"
  }
}

run "creates_a_pool_wired_to_the_suite_without_an_existing_one" {
  command = plan

  assert {
    condition     = length(module.user_pool) == 1 && output.user_pool_id == "eu-west-1_NewPool1"
    error_message = "Without existing_user_pool_id, the module creates a pool."
  }
  assert {
    condition     = module.cognito_triggers.attached == false && output.attach_result == null
    error_message = "A new pool takes the functions through lambda_config: nothing is attached."
  }
  assert {
    condition     = output.settings.allowed_email_domains == tolist(["example.com"]) && output.settings.store_failure_policy == "fail-closed"
    error_message = "The settings reach the suite as given, with its defaults."
  }
}

run "names_every_resource_after_the_environment" {
  command = plan

  assert {
    condition     = output.tenant_table_name == "cognito-triggers-test-tenants"
    error_message = "Names are <name_prefix>-<environment>-…"
  }
}

run "refuses_a_setting_it_does_not_know" {
  command = plan

  variables {
    settings = {
      allowed_email_domains = ["example.com"]
      app_name              = "Example"
      alowed_email_domains  = ["example.org"]
    }
  }

  expect_failures = [output.settings]
}

run "refuses_an_existing_pool_id_that_is_not_one" {
  command = plan

  variables {
    existing_user_pool_id = "my-pool"
  }

  expect_failures = [var.existing_user_pool_id]
}
