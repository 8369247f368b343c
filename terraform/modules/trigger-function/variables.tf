variable "function_name" {
  description = "Name of the Lambda function (also names its role and log group)."
  type        = string
  default     = null

  validation {
    condition     = var.function_name != null && can(regex("^[A-Za-z0-9_-]{1,64}$", var.function_name))
    error_message = "function_name is required: 1 to 64 letters, digits, hyphens or underscores."
  }
}

variable "description" {
  description = "Description of the Lambda function."
  type        = string
  default     = ""
}

variable "artifact" {
  description = "The built trigger (bundle-trigger writes each into the artifacts folder with its manifest): the zip, as a local path (zip) or an object in S3 (s3_bucket, s3_key, optional s3_object_version), its base64 SHA-256 (source_code_hash: the manifest's sourceCodeHash), and the manifest's handler and runtime."
  type = object({
    zip               = optional(string)
    s3_bucket         = optional(string)
    s3_key            = optional(string)
    s3_object_version = optional(string)
    source_code_hash  = string
    handler           = optional(string, "index.handler")
    runtime           = optional(string, "nodejs22.x")
  })
  default = null

  validation {
    condition     = var.artifact != null
    error_message = "artifact is required: { zip, source_code_hash } or { s3_bucket, s3_key, source_code_hash }, from the trigger's manifest."
  }

  validation {
    condition     = var.artifact == null || ((try(var.artifact.zip, null) != null) != (try(var.artifact.s3_bucket, null) != null && try(var.artifact.s3_key, null) != null))
    error_message = "artifact: give either zip (a local path) or s3_bucket and s3_key, not both and not neither."
  }

  validation {
    condition     = var.artifact == null || can(regex("^[A-Za-z0-9+/]{43}=$", try(var.artifact.source_code_hash, "")))
    error_message = "artifact.source_code_hash must be the zip's base64 SHA-256 (44 characters), the manifest's sourceCodeHash."
  }

  validation {
    condition     = var.artifact == null || try(var.artifact.runtime, "") == "nodejs22.x"
    error_message = "artifact.runtime: the triggers are built for nodejs22.x; rebuild the artifact (pnpm build)."
  }
}

variable "memory_size" {
  description = "Memory of the function in MB; CPU grows with it, and so does cold-start speed."
  type        = number
  default     = 256

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240
    error_message = "memory_size must be between 128 and 10240 MB."
  }
}

variable "invoked_by_cognito" {
  description = "Whether the function is a Cognito trigger: user_pool_arn may invoke it (an aws_lambda_permission) and its timeout stays within Cognito's 5 s. false for a function Terraform invokes itself (the attach function of the cognito-triggers module): no invoke permission, no pool needed, a timeout of up to 900 s."
  type        = bool
  default     = true
  nullable    = false
}

variable "timeout" {
  description = "Timeout in seconds. Cognito waits 5 s for a trigger and then retries, so anything longer only wastes money; a function Cognito does not invoke (invoked_by_cognito = false) may take up to Lambda's 900 s."
  type        = number
  default     = 5

  validation {
    condition     = var.timeout >= 1 && var.timeout <= (var.invoked_by_cognito ? 5 : 900)
    error_message = "timeout must be between 1 and 5 seconds for a trigger (Cognito gives a trigger 5 s), or between 1 and 900 seconds for a function Cognito does not invoke (invoked_by_cognito = false)."
  }
}

variable "environment_variables" {
  description = "Environment of the function: the trigger's configuration (Lambda caps all variables together at 4 KB)."
  type        = map(string)
  default     = {}
}

variable "log_level" {
  description = "Lowest application log level Lambda keeps (JSON log format)."
  type        = string
  default     = "INFO"

  validation {
    condition     = contains(["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"], var.log_level)
    error_message = "log_level must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL."
  }
}

variable "log_retention_in_days" {
  description = "How long CloudWatch keeps the function's logs."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, … 3653); never-expire is not offered."
  }
}

variable "log_kms_key_arn" {
  description = "KMS key that encrypts the log group; null keeps CloudWatch's own encryption."
  type        = string
  default     = null
}

variable "policy_statements" {
  description = "Extra IAM statements of the function's role, beyond writing its own logs. Exact actions on exact resources: the module refuses a wildcard. conditions narrow a statement further (each a condition block: test, variable, values), e.g. test = \"ForAllValues:StringEquals\", variable = \"dynamodb:LeadingKeys\" to allow only some partition keys of a table."
  type = list(object({
    sid       = optional(string)
    actions   = list(string)
    resources = list(string)
    conditions = optional(list(object({
      test     = string
      variable = string
      values   = list(string)
    })), [])
  }))
  default = []

  validation {
    condition = alltrue([
      for statement in var.policy_statements :
      length(statement.actions) > 0 && length(statement.resources) > 0 &&
      alltrue([for action in statement.actions : !strcontains(action, "*")]) &&
      alltrue([for resource in statement.resources : !strcontains(resource, "*")])
    ])
    error_message = "policy_statements need at least one action and one resource, and no \"*\" in either."
  }

  validation {
    condition = alltrue(flatten([
      for statement in var.policy_statements : [
        for condition in statement.conditions : length(condition.test) > 0 && length(condition.variable) > 0 && length(condition.values) > 0
      ]
    ]))
    error_message = "policy_statements: each condition needs a test (StringEquals, ForAllValues:StringEquals, …), a variable and at least one value."
  }
}

variable "user_pool_arn" {
  description = "ARN of the user pool allowed to invoke the function (the permission's source_arn; its account is the source_account). Required for a trigger; unused when invoked_by_cognito is false."
  type        = string
  default     = null

  validation {
    condition     = var.user_pool_arn == null ? !var.invoked_by_cognito : can(regex("^arn:[^:]+:cognito-idp:[^:]+:[0-9]{12}:userpool/", var.user_pool_arn))
    error_message = "user_pool_arn is required for a trigger (invoked_by_cognito): arn:aws:cognito-idp:<region>:<account>:userpool/<id>."
  }
}

variable "tags" {
  description = "Tags of every resource the module creates."
  type        = map(string)
  default     = {}
}
