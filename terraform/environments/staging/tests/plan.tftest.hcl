# A plan of this root with its own terraform.tfvars.json, against a mocked AWS provider (no
# account, no network, no backend): the settings pass every validation of the modules.

mock_provider "aws" {
  override_during = plan

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

run "plans_with_its_terraform_tfvars_json" {
  command = plan

  assert {
    condition     = output.tenant_table_name == "cognito-triggers-staging-tenants"
    error_message = "Every name carries the environment."
  }
  assert {
    condition     = length(output.settings.allowed_email_domains) > 0 && output.settings.app_name != null
    error_message = "The environment's settings reach the suite."
  }
  assert {
    condition     = module.suite.deletion_protection == false
    error_message = "Only prod protects its pool and tenant table from deletion."
  }
}
