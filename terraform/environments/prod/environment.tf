# What sets this root apart. Its other .tf files are links shared by every environment (see
# ../common and modules/environment); its settings are in terraform.tfvars.json.
# Production: neither the pool nor the tenant table can be deleted by accident.
locals {
  environment         = "prod"
  deletion_protection = true
}
