# What sets this root apart. Its other .tf files are links shared by every environment (see
# ../common and modules/environment); its settings are in terraform.tfvars.json.
locals {
  environment         = "staging"
  deletion_protection = false
}
