# An existing pool (existing_user_pool_id): the suite attaches to it through its attach function,
# against a mocked AWS provider (no account, no network). The runs apply (mocked): the module's
# check block reads the pool only after the invocation has run, and terraform test fails a plan
# whose check result is still unknown (see modules/cognito-triggers/tests/attach.tftest.hcl).

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

  mock_resource "aws_lambda_invocation" {
    defaults = {
      result = "{\"action\":\"create\",\"userPoolId\":\"eu-west-1_Existing1\",\"lambdaConfig\":{},\"replaced\":{},\"restored\":{},\"updated\":true,\"notes\":[],\"warnings\":[]}"
    }
  }

  # The existing pool, as attach leaves it: every slot on our (mocked) function.
  mock_data "aws_cognito_user_pool" {
    defaults = {
      id  = "eu-west-1_Existing1"
      arn = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Existing1"
      lambda_config = [{
        pre_sign_up        = "arn:aws:lambda:eu-west-1:123456789012:function:test-Trigger"
        post_confirmation  = "arn:aws:lambda:eu-west-1:123456789012:function:test-Trigger"
        pre_authentication = "arn:aws:lambda:eu-west-1:123456789012:function:test-Trigger"
        custom_message     = "arn:aws:lambda:eu-west-1:123456789012:function:test-Trigger"
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

variables {
  environment           = "test"
  existing_user_pool_id = "eu-west-1_Existing1"
  settings = {
    allowed_email_domains = ["example.com"]
    app_name              = "Example"
  }
}

run "attaches_to_an_existing_pool" {
  command = apply

  assert {
    condition     = length(module.user_pool) == 0 && output.user_pool_id == "eu-west-1_Existing1"
    error_message = "With existing_user_pool_id, the module reads that pool and creates none."
  }
  assert {
    condition     = module.cognito_triggers.attached && module.cognito_triggers.attach_input.userPoolId == "eu-west-1_Existing1"
    error_message = "The suite attaches itself to the existing pool."
  }
  assert {
    condition     = output.attach_result.action == "create"
    error_message = "The attach function's answer is an output of the environment."
  }
  assert {
    condition     = length(module.cognito_triggers.attach_input.replaceable) == 0
    error_message = "By default attach replaces no trigger of the pool's own."
  }
}

run "passes_replace_triggers_on_to_the_suite" {
  command = apply

  variables {
    replace_triggers = ["custom-message"]
  }

  assert {
    condition     = module.cognito_triggers.attach_input.replaceable == tolist(["CustomMessage"])
    error_message = "replace_triggers reaches the attach function as the slots it may take over."
  }
}
