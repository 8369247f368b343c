# Plans of the module with a mocked AWS provider (no account, no network): `terraform test`.

mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  name              = "test"
  user_pool_id      = "eu-west-1_AbCdEf123"
  client_ids        = ["4e1oo8l3bq6e8d0q7p6l2k5m9s"]
  tenant_bucket_arn = "arn:aws:s3:::tenant-data"
}

run "admits_signed_in_users_of_the_given_clients_only_through_the_enhanced_flow" {
  command = plan

  assert {
    condition     = aws_cognito_identity_pool.this.allow_unauthenticated_identities == false && aws_cognito_identity_pool.this.allow_classic_flow == false
    error_message = "No guest identities, no classic flow."
  }
  assert {
    condition     = [for provider in aws_cognito_identity_pool.this.cognito_identity_providers : provider.client_id] == ["4e1oo8l3bq6e8d0q7p6l2k5m9s"]
    error_message = "Only the given clients' tokens are accepted."
  }
  assert {
    condition     = one(aws_cognito_identity_pool.this.cognito_identity_providers).provider_name == "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123"
    error_message = "The provider is the pool's issuer."
  }
}

run "turns_the_tenant_claim_and_nothing_else_into_the_session_tag" {
  command = plan

  assert {
    condition     = aws_cognito_identity_pool_provider_principal_tag.this.use_defaults == false && aws_cognito_identity_pool_provider_principal_tag.this.principal_tags == tomap({ tenant_id = "tenant_id" })
    error_message = "Only tenant_id becomes a session tag."
  }
}

run "lets_only_this_pool_s_authenticated_identities_assume_the_role" {
  command = plan

  assert {
    condition     = data.aws_iam_policy_document.assume_role.statement[0].actions == toset(["sts:AssumeRoleWithWebIdentity", "sts:TagSession"])
    error_message = "The role is assumed with a web identity, with session tags."
  }
  assert {
    condition = toset([for condition in data.aws_iam_policy_document.assume_role.statement[0].condition : condition.variable]) == toset([
      "cognito-identity.amazonaws.com:aud",
      "cognito-identity.amazonaws.com:amr",
    ])
    error_message = "Only this identity pool (aud), for authenticated identities (amr)."
  }
}

run "reaches_only_the_caller_s_tenant_prefix_and_nothing_without_a_tenant" {
  command = plan

  assert {
    condition     = data.aws_iam_policy_document.tenant_data[0].statement[0].resources == toset(["arn:aws:s3:::tenant-data/$${aws:PrincipalTag/tenant_id}/*"])
    error_message = "Objects: the caller's own tenant prefix only."
  }
  assert {
    condition = alltrue([
      for statement in data.aws_iam_policy_document.tenant_data[0].statement :
      contains([for condition in statement.condition : "${condition.test} ${condition.variable} ${join(",", condition.values)}"], "Null aws:PrincipalTag/tenant_id false")
    ])
    error_message = "Every statement must refuse a caller without a tenant tag."
  }
}

run "grants_no_s3_access_without_a_bucket" {
  command = plan

  variables {
    tenant_bucket_arn = null
  }

  assert {
    condition     = length(aws_iam_role_policy.this) == 0
    error_message = "Without a bucket the role has no policy of ours."
  }
}

run "refuses_a_bucket_arn_with_a_key_or_a_wildcard" {
  command = plan

  variables {
    tenant_bucket_arn = "arn:aws:s3:::tenant-data/*"
  }

  expect_failures = [var.tenant_bucket_arn]
}

run "refuses_a_wildcard_object_action" {
  command = plan

  variables {
    tenant_object_actions = ["s3:*"]
  }

  expect_failures = [var.tenant_object_actions]
}

run "refuses_a_pool_id_that_is_not_one" {
  command = plan

  variables {
    user_pool_id = "AbCdEf123"
  }

  expect_failures = [var.user_pool_id]
}
