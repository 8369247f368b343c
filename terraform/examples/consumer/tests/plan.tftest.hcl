# A plan of this root against a mocked AWS provider: the modules and the artifacts folder are
# enough; no account, no network.

mock_provider "aws" {
  mock_data "aws_cognito_user_pool" {
    defaults = {
      id  = "eu-west-1_AbC123def"
      arn = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123def"
    }
  }

  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

run "plans_four_functions_from_the_artifacts_folder" {
  command = plan

  assert {
    condition     = toset(keys(module.suite.function_arns)) == toset(["post-confirmation", "pre-authentication", "pre-signup", "pre-token-generation"])
    error_message = "The suite deploys the four triggers the settings name."
  }
  assert {
    condition     = module.suite.user_pool_id == "eu-west-1_AbC123def"
    error_message = "The suite serves the existing pool."
  }
}
