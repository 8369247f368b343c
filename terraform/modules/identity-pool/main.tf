locals {
  # The identity provider name of a user pool: its issuer without the scheme.
  region        = split("_", var.user_pool_id)[0]
  provider_name = "cognito-idp.${local.region}.amazonaws.com/${var.user_pool_id}"
}

# Authenticated identities only: no guest access, and no classic (basic) flow, so that every
# credential comes through the enhanced flow with the session tags below.
resource "aws_cognito_identity_pool" "this" {
  identity_pool_name               = var.name
  allow_unauthenticated_identities = false
  allow_classic_flow               = false
  tags                             = var.tags

  dynamic "cognito_identity_providers" {
    for_each = toset(var.client_ids)

    content {
      client_id               = cognito_identity_providers.value
      provider_name           = local.provider_name
      server_side_token_check = var.server_side_token_check
    }
  }
}

# The tenant claim of the ID token becomes the session tag tenant_id, which the role's policy
# reads as aws:PrincipalTag/tenant_id. Not the defaults (client id and sub): only the tenant.
resource "aws_cognito_identity_pool_provider_principal_tag" "this" {
  identity_pool_id       = aws_cognito_identity_pool.this.id
  identity_provider_name = local.provider_name
  use_defaults           = false

  principal_tags = {
    tenant_id = var.tenant_claim
  }
}

# Only this identity pool, for authenticated identities, may assume the role; sts:TagSession
# lets it attach the principal tags.
data "aws_iam_policy_document" "assume_role" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]

    principals {
      type        = "Federated"
      identifiers = ["cognito-identity.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "cognito-identity.amazonaws.com:aud"
      values   = [aws_cognito_identity_pool.this.id]
    }

    condition {
      test     = "ForAnyValue:StringLike"
      variable = "cognito-identity.amazonaws.com:amr"
      values   = ["authenticated"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = "${var.name}-authenticated"
  description        = "Tenant-scoped credentials for signed-in users of ${var.name}"
  assume_role_policy = data.aws_iam_policy_document.assume_role.json
  tags               = var.tags
}

# Each tenant's users reach only <bucket>/<their tenant_id>/…: IAM substitutes the caller's own
# session tag. A user whose token has no tenant gets no tag, and the Null conditions refuse them.
data "aws_iam_policy_document" "tenant_data" {
  count = var.tenant_bucket_arn == null ? 0 : 1

  statement {
    sid       = "TenantObjects"
    effect    = "Allow"
    actions   = var.tenant_object_actions
    resources = ["${var.tenant_bucket_arn}/$${aws:PrincipalTag/tenant_id}/*"]

    condition {
      test     = "Null"
      variable = "aws:PrincipalTag/tenant_id"
      values   = ["false"]
    }
  }

  statement {
    sid       = "ListTenantPrefix"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [var.tenant_bucket_arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["$${aws:PrincipalTag/tenant_id}/*"]
    }

    condition {
      test     = "Null"
      variable = "aws:PrincipalTag/tenant_id"
      values   = ["false"]
    }
  }
}

resource "aws_iam_role_policy" "this" {
  count = var.tenant_bucket_arn == null ? 0 : 1

  name   = "tenant-data"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.tenant_data[0].json
}

resource "aws_cognito_identity_pool_roles_attachment" "this" {
  identity_pool_id = aws_cognito_identity_pool.this.id

  roles = {
    authenticated = aws_iam_role.this.arn
  }
}
