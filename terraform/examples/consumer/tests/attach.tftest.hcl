# This root against a mocked AWS provider: the modules and the artifacts folder are enough; no
# account, no network. It applies (mocked) rather than plans: the suite's check block reads the
# pool only after attach has run, and terraform test fails a plan whose check result is still
# unknown. A root of yours that attaches can be tested the same way: mock the pool's lambda_config
# as attach leaves it.

mock_provider "aws" {
  # The provider validates a function's role as an ARN, even to destroy it.
  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/test-Function"
    }
  }

  mock_resource "aws_lambda_function" {
    defaults = {
      arn = "arn:aws:lambda:eu-west-1:123456789012:function:test-Trigger"
    }
  }

  # What the attach function answers.
  mock_resource "aws_lambda_invocation" {
    defaults = {
      result = "{\"action\":\"create\",\"userPoolId\":\"eu-west-1_AbC123def\",\"lambdaConfig\":{},\"replaced\":{\"PreSignUp\":\"arn:aws:lambda:eu-west-1:123456789012:function:legacy-PreSignUp\"},\"restored\":{},\"updated\":true,\"notes\":[],\"warnings\":[]}"
    }
  }

  # The pool as attach leaves it: our four functions, and its own custom message.
  mock_data "aws_cognito_user_pool" {
    defaults = {
      id  = "eu-west-1_AbC123def"
      arn = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123def"
      lambda_config = [{
        pre_sign_up        = "arn:aws:lambda:eu-west-1:123456789012:function:test-Trigger"
        post_confirmation  = "arn:aws:lambda:eu-west-1:123456789012:function:test-Trigger"
        pre_authentication = "arn:aws:lambda:eu-west-1:123456789012:function:test-Trigger"
        custom_message     = "arn:aws:lambda:eu-west-1:123456789012:function:acme-CustomMessage"
        pre_token_generation_config = [{
          lambda_arn     = "arn:aws:lambda:eu-west-1:123456789012:function:test-Trigger"
          lambda_version = "V2_0"
        }]
      }]
    }
  }

  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

run "attaches_four_functions_from_the_artifacts_folder" {
  command = apply

  assert {
    condition     = toset(keys(module.suite.function_arns)) == toset(["post-confirmation", "pre-authentication", "pre-signup", "pre-token-generation"])
    error_message = "The suite deploys the four triggers the settings name."
  }
  assert {
    condition     = module.suite.user_pool_id == "eu-west-1_AbC123def"
    error_message = "The suite serves the existing pool."
  }
  assert {
    condition     = output.attach_result.replaced == { PreSignUp = "arn:aws:lambda:eu-west-1:123456789012:function:legacy-PreSignUp" }
    error_message = "The root sees what attach replaced."
  }
}
