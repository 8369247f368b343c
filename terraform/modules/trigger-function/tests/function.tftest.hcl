# Plans of the module with a mocked AWS provider (no account, no network): `terraform test`.
# The zip is never read at plan: an artifact's path and hash are enough.

mock_provider "aws" {
  # A policy document's JSON is computed by the provider: a mocked one must still be a policy.
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  function_name = "test-PreSignUp"
  description   = "Cognito pre sign-up"
  artifact = {
    zip              = "artifacts/pre-signup.zip"
    source_code_hash = "ZQVaucz9wGkENLqdg9BcBSNb36nMdQz3Ca9SE0hJ7BM="
  }
  user_pool_arn = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEf123"
}

run "deploys_the_prebuilt_zip_on_node_22_arm64_within_5_s_logging_json" {
  command = plan

  assert {
    condition     = aws_lambda_function.this.runtime == "nodejs22.x" && aws_lambda_function.this.architectures == tolist(["arm64"])
    error_message = "The function must run on nodejs22.x, arm64."
  }
  assert {
    condition     = aws_lambda_function.this.timeout <= 5
    error_message = "Cognito waits 5 s for a trigger: the timeout must not exceed it."
  }
  assert {
    condition     = aws_lambda_function.this.filename == "artifacts/pre-signup.zip" && aws_lambda_function.this.source_code_hash == "ZQVaucz9wGkENLqdg9BcBSNb36nMdQz3Ca9SE0hJ7BM=" && aws_lambda_function.this.handler == "index.handler"
    error_message = "The deployed code must be the artifact's zip, by its hash."
  }
  assert {
    condition     = aws_lambda_function.this.logging_config[0].log_format == "JSON" && aws_lambda_function.this.logging_config[0].log_group == "/aws/lambda/test-PreSignUp"
    error_message = "The function must log JSON into its own log group."
  }
  assert {
    condition     = aws_cloudwatch_log_group.this.retention_in_days > 0
    error_message = "The log group must expire its logs."
  }
}

run "lets_only_the_given_pool_in_its_own_account_invoke_the_function" {
  command = plan

  assert {
    condition     = length(aws_lambda_permission.this) == 1 && aws_lambda_permission.this[0].principal == "cognito-idp.amazonaws.com"
    error_message = "Only Cognito may invoke the function."
  }
  assert {
    condition     = aws_lambda_permission.this[0].source_arn == var.user_pool_arn && aws_lambda_permission.this[0].source_account == "123456789012"
    error_message = "The permission must name the pool (source_arn) and its account (source_account)."
  }
}

run "a_function_cognito_does_not_invoke_gets_no_permission_and_may_run_longer" {
  command = plan

  variables {
    function_name      = "test-AttachTriggers"
    invoked_by_cognito = false
    user_pool_arn      = null
    timeout            = 60
  }

  assert {
    condition     = length(aws_lambda_permission.this) == 0 && output.permission_id == null
    error_message = "No pool may invoke a function Terraform invokes itself."
  }
  assert {
    condition     = aws_lambda_function.this.timeout == 60
    error_message = "A function Cognito does not wait for may take longer than 5 s."
  }
}

run "refuses_a_timeout_beyond_lambdas_limit" {
  command = plan

  variables {
    invoked_by_cognito = false
    timeout            = 901
  }

  expect_failures = [var.timeout]
}

run "refuses_a_trigger_without_its_pool" {
  command = plan

  variables {
    user_pool_arn = null
  }

  expect_failures = [var.user_pool_arn]
}

run "grants_the_extra_statements_as_given_and_nothing_when_there_are_none" {
  command = plan

  variables {
    policy_statements = [{
      sid       = "TenantStore"
      actions   = ["dynamodb:GetItem"]
      resources = ["arn:aws:dynamodb:eu-west-1:123456789012:table/tenants"]
    }]
  }

  assert {
    condition     = length(aws_iam_role_policy.extra) == 1
    error_message = "Extra statements need a policy of their own."
  }
  assert {
    condition     = data.aws_iam_policy_document.extra[0].statement[0].actions == toset(["dynamodb:GetItem"])
    error_message = "The statement's actions must be the ones given."
  }
  assert {
    condition     = length(data.aws_iam_policy_document.extra[0].statement[0].condition) == 0
    error_message = "A statement without conditions has no condition block."
  }
}

run "renders_each_condition_of_a_statement_as_a_condition_block" {
  command = plan

  variables {
    policy_statements = [{
      sid       = "OwnRecord"
      actions   = ["dynamodb:GetItem", "dynamodb:PutItem"]
      resources = ["arn:aws:dynamodb:eu-west-1:123456789012:table/tenants"]
      conditions = [{
        test     = "ForAllValues:StringEquals"
        variable = "dynamodb:LeadingKeys"
        values   = ["POOL#eu-west-1_AbCdEf123"]
      }]
    }]
  }

  assert {
    condition = [
      for condition in data.aws_iam_policy_document.extra[0].statement[0].condition :
      { test = condition.test, variable = condition.variable, values = condition.values }
    ] == [{ test = "ForAllValues:StringEquals", variable = "dynamodb:LeadingKeys", values = tolist(["POOL#eu-west-1_AbCdEf123"]) }]
    error_message = "The statement must carry its condition: ForAllValues:StringEquals on dynamodb:LeadingKeys."
  }
}

run "refuses_a_condition_without_values" {
  command = plan

  variables {
    policy_statements = [{
      actions    = ["dynamodb:GetItem"]
      resources  = ["arn:aws:dynamodb:eu-west-1:123456789012:table/tenants"]
      conditions = [{ test = "ForAllValues:StringEquals", variable = "dynamodb:LeadingKeys", values = [] }]
    }]
  }

  expect_failures = [var.policy_statements]
}

run "has_no_extra_policy_without_statements" {
  command = plan

  assert {
    condition     = length(aws_iam_role_policy.extra) == 0
    error_message = "Without extra statements the role only writes its own logs."
  }
}

run "refuses_a_timeout_cognito_would_not_wait_for" {
  command = plan

  variables {
    timeout = 6
  }

  expect_failures = [var.timeout]
}

run "refuses_a_wildcard_action" {
  command = plan

  variables {
    policy_statements = [{ actions = ["dynamodb:*"], resources = ["arn:aws:dynamodb:eu-west-1:123456789012:table/tenants"] }]
  }

  expect_failures = [var.policy_statements]
}

run "refuses_a_wildcard_resource" {
  command = plan

  variables {
    policy_statements = [{ actions = ["dynamodb:GetItem"], resources = ["*"] }]
  }

  expect_failures = [var.policy_statements]
}

run "refuses_a_pool_arn_that_is_not_one" {
  command = plan

  variables {
    user_pool_arn = "eu-west-1_AbCdEf123"
  }

  expect_failures = [var.user_pool_arn]
}

run "deploys_an_artifact_from_s3" {
  command = plan

  variables {
    artifact = {
      s3_bucket        = "acme-artifacts"
      s3_key           = "cognito-triggers/1.4.0/pre-signup.zip"
      source_code_hash = "ZQVaucz9wGkENLqdg9BcBSNb36nMdQz3Ca9SE0hJ7BM="
    }
  }

  assert {
    condition     = aws_lambda_function.this.s3_bucket == "acme-artifacts" && aws_lambda_function.this.s3_key == "cognito-triggers/1.4.0/pre-signup.zip" && aws_lambda_function.this.filename == null
    error_message = "An S3 artifact is deployed from its bucket and key."
  }
}

run "refuses_an_artifact_both_local_and_in_s3" {
  command = plan

  variables {
    artifact = {
      zip              = "artifacts/pre-signup.zip"
      s3_bucket        = "acme-artifacts"
      s3_key           = "pre-signup.zip"
      source_code_hash = "ZQVaucz9wGkENLqdg9BcBSNb36nMdQz3Ca9SE0hJ7BM="
    }
  }

  expect_failures = [var.artifact]
}

run "refuses_an_artifact_without_its_hash_or_for_another_runtime" {
  command = plan

  variables {
    artifact = {
      zip              = "artifacts/pre-signup.zip"
      source_code_hash = "not-a-hash"
      runtime          = "nodejs18.x"
    }
  }

  expect_failures = [var.artifact]
}
