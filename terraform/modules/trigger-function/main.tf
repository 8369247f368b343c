locals {
  # The account that owns the pool: the permission's source_account, without a data source. A
  # function Cognito does not invoke may have no pool at all.
  user_pool_account_id = var.invoked_by_cognito ? split(":", var.user_pool_arn)[4] : null
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.log_kms_key_arn
  tags              = var.tags
}

data "aws_iam_policy_document" "assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = var.function_name
  assume_role_policy = data.aws_iam_policy_document.assume_role.json
  tags               = var.tags
}

# Writing its own log streams is all a function needs to run.
data "aws_iam_policy_document" "logs" {
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:log-stream:*"]
  }
}

resource "aws_iam_role_policy" "logs" {
  name   = "logs"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.logs.json
}

# The extra statements usually name the user pool. They live in their own policy, which the
# function does not wait for: a new pool needs the function's ARN first, so the function must
# not depend on anything that depends on the pool.
data "aws_iam_policy_document" "extra" {
  count = length(var.policy_statements) > 0 ? 1 : 0

  dynamic "statement" {
    for_each = var.policy_statements

    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = statement.value.resources

      # Narrows the statement further, e.g. to one item's key of a table (dynamodb:LeadingKeys).
      dynamic "condition" {
        for_each = statement.value.conditions

        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }
}

resource "aws_iam_role_policy" "extra" {
  count = length(var.policy_statements) > 0 ? 1 : 0

  name   = "trigger"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.extra[0].json
}

resource "aws_lambda_function" "this" {
  function_name     = var.function_name
  description       = var.description
  role              = aws_iam_role.this.arn
  filename          = var.artifact.zip
  s3_bucket         = var.artifact.s3_bucket
  s3_key            = var.artifact.s3_key
  s3_object_version = var.artifact.s3_object_version
  source_code_hash  = var.artifact.source_code_hash
  handler           = var.artifact.handler
  runtime           = var.artifact.runtime
  architectures     = ["arm64"]
  memory_size       = var.memory_size
  timeout           = var.timeout
  tags              = var.tags

  dynamic "environment" {
    for_each = length(var.environment_variables) > 0 ? [var.environment_variables] : []

    content {
      variables = environment.value
    }
  }

  logging_config {
    log_format            = "JSON"
    application_log_level = var.log_level
    system_log_level      = "WARN"
    log_group             = aws_cloudwatch_log_group.this.name
  }

  depends_on = [aws_iam_role_policy.logs]
}

# Only a trigger is invoked by the pool; a function Terraform invokes (the attach function) is
# called with the caller's own lambda:InvokeFunction and needs no resource policy.
resource "aws_lambda_permission" "this" {
  count = var.invoked_by_cognito ? 1 : 0

  statement_id   = "AllowCognitoInvoke"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.this.function_name
  principal      = "cognito-idp.amazonaws.com"
  source_arn     = var.user_pool_arn
  source_account = local.user_pool_account_id
}

# The permission was a single resource before invoked_by_cognito: keep it, do not recreate it
# (a pool would fail to invoke its trigger between the two).
moved {
  from = aws_lambda_permission.this
  to   = aws_lambda_permission.this[0]
}
