# The attachment to a pool this configuration does not own (attach = true), against a mocked AWS
# provider: `terraform test`, no account, no network.
#
# Why the attaching runs apply (mocked) rather than plan: the check block triggers_attached reads
# the pool only once the invocation has run, so a plan that creates or changes the attachment
# leaves its result unknown, and terraform test fails a plan run whose check is unknown ("Check
# block assertion known after apply"). A plan after an apply, with nothing left to change, reads
# the pool at once: that is how the drift runs below see the pool. terraform test also fails a
# run on a failed check unless the run expects it (expect_failures), so the run that finds no
# drift would fail if the check reported one.

mock_provider "aws" {
  # The provider validates a function's role as an ARN, even to destroy it.
  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/test-Function"
    }
  }

  mock_resource "aws_dynamodb_table" {
    defaults = {
      arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/test-tenants"
    }
  }

  mock_resource "aws_lambda_function" {
    defaults = {
      arn = "arn:aws:lambda:eu-west-1:123456789012:function:test-AttachTriggers"
    }
  }

  # What the attach function answers (the invocation's result).
  mock_resource "aws_lambda_invocation" {
    defaults = {
      result = "{\"action\":\"create\",\"userPoolId\":\"eu-west-1_AbCdEf123\",\"lambdaConfig\":{},\"replaced\":{},\"restored\":{},\"updated\":true,\"notes\":[],\"warnings\":[]}"
    }
  }

  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }

  # The pool as attach leaves it: every slot on our function (the ARNs of the overrides below).
  mock_data "aws_cognito_user_pool" {
    defaults = {
      lambda_config = [{
        pre_sign_up        = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreSignUp"
        post_confirmation  = "arn:aws:lambda:eu-west-1:123456789012:function:test-PostConfirmation"
        pre_authentication = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreAuthentication"
        custom_message     = "arn:aws:lambda:eu-west-1:123456789012:function:test-CustomMessage"
        pre_token_generation_config = [{
          lambda_arn     = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreTokenGeneration"
          lambda_version = "V2_0"
        }]
      }]
    }
  }
}

# Each trigger its own ARN, so that a slot pointed at the wrong one of our functions is a drift.
override_resource {
  target = module.function["pre-signup"].aws_lambda_function.this
  values = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreSignUp" }
}

override_resource {
  target = module.function["post-confirmation"].aws_lambda_function.this
  values = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:test-PostConfirmation" }
}

override_resource {
  target = module.function["pre-authentication"].aws_lambda_function.this
  values = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreAuthentication" }
}

override_resource {
  target = module.function["pre-token-generation"].aws_lambda_function.this
  values = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreTokenGeneration" }
}

override_resource {
  target = module.function["custom-message"].aws_lambda_function.this
  values = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:test-CustomMessage" }
}

variables {
  name_prefix   = "test"
  user_pool_id  = "eu-west-1_AbCdEf123"
  user_pool_arn = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEf123"
  attach        = true
  settings = {
    allowed_email_domains        = ["example.com"]
    app_name                     = "Example"
    protected_attributes         = ["custom:tenant_id", "custom:plan"]
    pre_token_generation_version = "V3_0"
  }
}

run "a_new_pool_gets_no_attach_function_and_no_invocation" {
  command = plan

  variables {
    attach = false
  }

  assert {
    condition     = length(module.attach_function) == 0 && length(aws_lambda_invocation.attach) == 0
    error_message = "Without attach there is nothing to invoke: the user-pool module wires the triggers."
  }
  assert {
    condition     = output.attached == false && output.attach_input == null && output.attach_result == null && output.attach_function_name == null && output.attach_policy_statements == []
    error_message = "Without attach, the attach outputs are empty."
  }
}

run "attaches_every_deployed_slot_through_the_invocation" {
  command = apply

  assert {
    condition     = length(aws_lambda_invocation.attach) == 1 && aws_lambda_invocation.attach[0].lifecycle_scope == "CRUD" && aws_lambda_invocation.attach[0].terraform_key == "tf"
    error_message = "attach = true invokes the attach function on create, update and destroy (lifecycle_scope CRUD, key tf)."
  }
  assert {
    condition     = aws_lambda_invocation.attach[0].function_name == "test-AttachTriggers" && output.attach_function_name == "test-AttachTriggers"
    error_message = "The invocation calls the suite's own attach function, <name_prefix>-AttachTriggers."
  }
  assert {
    condition = jsondecode(aws_lambda_invocation.attach[0].input) == {
      userPoolId = "eu-west-1_AbCdEf123"
      triggers = {
        PreSignUp          = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreSignUp"
        PostConfirmation   = "arn:aws:lambda:eu-west-1:123456789012:function:test-PostConfirmation"
        PreAuthentication  = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreAuthentication"
        PreTokenGeneration = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreTokenGeneration"
        CustomMessage      = "arn:aws:lambda:eu-west-1:123456789012:function:test-CustomMessage"
      }
      preTokenGenerationVersion = "V3_0"
      replaceable               = []
      protectedAttributes       = ["custom:tenant_id", "custom:plan"]
      revision                  = 1
    }
    error_message = "The input names the pool, each slot's own function, the version, no replaceable slot, the protected attributes and the revision."
  }
  assert {
    condition     = output.attach_result.action == "create" && output.attach_result.updated == true
    error_message = "The attach function's answer is the attach_result output."
  }
  assert {
    condition     = module.attach_function[0].permission_id == null
    error_message = "Cognito never invokes the attach function: it has no invoke permission."
  }
}

run "names_the_replaceable_slots_of_replace_triggers" {
  command = apply

  variables {
    replace_triggers = ["custom-message", "pre-signup", "custom-message"]
  }

  assert {
    condition     = jsondecode(aws_lambda_invocation.attach[0].input).replaceable == ["CustomMessage", "PreSignUp"]
    error_message = "replace_triggers (trigger folders) reach the function as LambdaConfig slots, each once."
  }
}

run "a_new_attach_revision_reinvokes_in_place_never_replacing_the_invocation" {
  # Apply: the check waits for the invocation, and a plan run fails on an unknown check.
  command = apply

  variables {
    attach_revision = 2
  }

  # Over the state of the runs before (revision 1) only the input changes; the provider's input
  # is not ForceNew, so it invokes the function with "update" (attach again, no detach first)
  # rather than destroy and create.
  assert {
    condition     = jsondecode(aws_lambda_invocation.attach[0].input).revision == 2 && aws_lambda_invocation.attach[0].function_name == "test-AttachTriggers"
    error_message = "attach_revision reaches the input, whose change is an in-place update of the invocation."
  }
}

run "grants_the_attach_function_exactly_its_calls_on_the_pool_and_its_own_record" {
  command = apply

  assert {
    condition = output.attach_policy_statements[0].resources == [var.user_pool_arn] && alltrue([
      for action in output.attach_policy_statements[0].actions : startswith(action, "cognito-idp:")
    ]) && !can(output.attach_policy_statements[0].conditions)
    error_message = "The Cognito calls are allowed on the pool's ARN only."
  }
  assert {
    condition = output.attach_policy_statements[1].resources == ["arn:aws:dynamodb:eu-west-1:123456789012:table/test-tenants"] && alltrue([
      for action in output.attach_policy_statements[1].actions : startswith(action, "dynamodb:")
    ])
    error_message = "The DynamoDB calls are allowed on the tenant table's ARN only (not its index)."
  }
  assert {
    condition     = output.attach_policy_statements[1].conditions == [{ test = "ForAllValues:StringEquals", variable = "dynamodb:LeadingKeys", values = ["POOL#eu-west-1_AbCdEf123"] }]
    error_message = "The attach function may touch only its own record of the table: partition key POOL#<pool id>."
  }
  assert {
    condition     = length(output.attach_policy_statements) == 2 && sort(flatten(output.attach_policy_statements[*].actions)) == sort(jsondecode(file("../../artifacts/attach.json")).awsActions)
    error_message = "The attach function is granted exactly the awsActions of its built bundle (artifacts/attach.json), no more."
  }
  assert {
    condition     = alltrue([for resource in flatten(output.attach_policy_statements[*].resources) : !strcontains(resource, "*")]) && alltrue([for action in flatten(output.attach_policy_statements[*].actions) : !strcontains(action, "*")])
    error_message = "No wildcard action or resource."
  }
}

# The pool as attach left it: the check passes (a failed check would fail this run).
run "finds_no_drift_when_every_slot_points_at_its_function" {
  command = plan
}

run "reports_a_slot_pointed_elsewhere" {
  command = plan

  override_data {
    target = data.aws_cognito_user_pool.attached
    values = {
      lambda_config = [{
        pre_sign_up        = "arn:aws:lambda:eu-west-1:123456789012:function:someone-elses-PreSignUp"
        post_confirmation  = "arn:aws:lambda:eu-west-1:123456789012:function:test-PostConfirmation"
        pre_authentication = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreAuthentication"
        custom_message     = "arn:aws:lambda:eu-west-1:123456789012:function:test-CustomMessage"
        pre_token_generation_config = [{
          lambda_arn     = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreTokenGeneration"
          lambda_version = "V3_0"
        }]
      }]
    }
  }

  expect_failures = [check.triggers_attached]
}

run "reports_a_pre_token_generation_slot_pointed_elsewhere" {
  command = plan

  override_data {
    target = data.aws_cognito_user_pool.attached
    values = {
      lambda_config = [{
        pre_sign_up        = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreSignUp"
        post_confirmation  = "arn:aws:lambda:eu-west-1:123456789012:function:test-PostConfirmation"
        pre_authentication = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreAuthentication"
        custom_message     = "arn:aws:lambda:eu-west-1:123456789012:function:test-CustomMessage"
        # Only the bare V1 field still names our function: the versioned config is what counts.
        pre_token_generation = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreTokenGeneration"
        pre_token_generation_config = [{
          lambda_arn     = "arn:aws:lambda:eu-west-1:123456789012:function:someone-elses-PreTokenGeneration"
          lambda_version = "V2_0"
        }]
      }]
    }
  }

  expect_failures = [check.triggers_attached]
}

run "reports_a_slot_emptied" {
  command = plan

  override_data {
    target = data.aws_cognito_user_pool.attached
    values = {
      lambda_config = [{
        pre_sign_up        = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreSignUp"
        post_confirmation  = "arn:aws:lambda:eu-west-1:123456789012:function:test-PostConfirmation"
        pre_authentication = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreAuthentication"
        custom_message     = null
        pre_token_generation_config = [{
          lambda_arn     = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreTokenGeneration"
          lambda_version = "V3_0"
        }]
      }]
    }
  }

  expect_failures = [check.triggers_attached]
}

# A slot the suite leaves out is the pool's own: neither attached nor checked.
run "leaves_out_pre_signup" {
  command = apply

  variables {
    settings = { triggers = ["post-confirmation", "pre-authentication", "pre-token-generation", "custom-message"], app_name = "Example" }
  }

  override_data {
    target = data.aws_cognito_user_pool.attached
    values = {
      lambda_config = [{
        pre_sign_up        = "arn:aws:lambda:eu-west-1:123456789012:function:the-pools-own-PreSignUp"
        post_confirmation  = "arn:aws:lambda:eu-west-1:123456789012:function:test-PostConfirmation"
        pre_authentication = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreAuthentication"
        custom_message     = "arn:aws:lambda:eu-west-1:123456789012:function:test-CustomMessage"
        pre_token_generation_config = [{
          lambda_arn     = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreTokenGeneration"
          lambda_version = "V2_0"
        }]
      }]
    }
  }

  assert {
    condition     = keys(jsondecode(aws_lambda_invocation.attach[0].input).triggers) == ["CustomMessage", "PostConfirmation", "PreAuthentication", "PreTokenGeneration"]
    error_message = "A trigger left out is not handed to the attach function."
  }
}

run "leaves_out_post_confirmation" {
  command = apply

  variables {
    settings = { triggers = ["pre-signup", "pre-authentication", "pre-token-generation", "custom-message"], allowed_email_domains = ["example.com"], app_name = "Example" }
  }

  assert {
    condition     = keys(jsondecode(aws_lambda_invocation.attach[0].input).triggers) == ["CustomMessage", "PreAuthentication", "PreSignUp", "PreTokenGeneration"]
    error_message = "A trigger left out is not handed to the attach function."
  }
}

run "leaves_out_pre_authentication" {
  command = apply

  variables {
    settings = { triggers = ["pre-signup", "post-confirmation", "pre-token-generation", "custom-message"], allowed_email_domains = ["example.com"], app_name = "Example" }
  }

  assert {
    condition     = keys(jsondecode(aws_lambda_invocation.attach[0].input).triggers) == ["CustomMessage", "PostConfirmation", "PreSignUp", "PreTokenGeneration"]
    error_message = "A trigger left out is not handed to the attach function."
  }
}

run "leaves_out_pre_token_generation" {
  command = apply

  variables {
    settings = { triggers = ["pre-signup", "post-confirmation", "pre-authentication", "custom-message"], allowed_email_domains = ["example.com"], app_name = "Example" }
  }

  override_data {
    target = data.aws_cognito_user_pool.attached
    values = {
      lambda_config = [{
        pre_sign_up                 = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreSignUp"
        post_confirmation           = "arn:aws:lambda:eu-west-1:123456789012:function:test-PostConfirmation"
        pre_authentication          = "arn:aws:lambda:eu-west-1:123456789012:function:test-PreAuthentication"
        custom_message              = "arn:aws:lambda:eu-west-1:123456789012:function:test-CustomMessage"
        pre_token_generation_config = []
      }]
    }
  }

  assert {
    condition     = keys(jsondecode(aws_lambda_invocation.attach[0].input).triggers) == ["CustomMessage", "PostConfirmation", "PreAuthentication", "PreSignUp"]
    error_message = "A trigger left out is not handed to the attach function."
  }
}

run "leaves_out_custom_message" {
  command = apply

  variables {
    settings = { triggers = ["pre-signup", "post-confirmation", "pre-authentication", "pre-token-generation"], allowed_email_domains = ["example.com"] }
  }

  assert {
    condition     = keys(jsondecode(aws_lambda_invocation.attach[0].input).triggers) == ["PostConfirmation", "PreAuthentication", "PreSignUp", "PreTokenGeneration"]
    error_message = "A trigger left out is not handed to the attach function."
  }
}

run "refuses_to_replace_a_trigger_it_does_not_know" {
  command = plan

  variables {
    replace_triggers = ["post-authentication"]
  }

  expect_failures = [var.replace_triggers]
}

run "refuses_to_replace_a_trigger_it_does_not_deploy" {
  command = plan

  variables {
    settings         = { triggers = ["pre-signup", "post-confirmation", "pre-authentication", "pre-token-generation"], allowed_email_domains = ["example.com"] }
    replace_triggers = ["custom-message"]
  }

  expect_failures = [var.replace_triggers]
}
