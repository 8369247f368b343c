/** A Terraform file that cannot be read or parsed; the message names the file. */
export class TerraformParseError extends Error {
  /** The file at fault. */
  public readonly file: string;

  public constructor(file: string, message: string, options?: ErrorOptions) {
    super(`${file}: ${message}`, options);
    this.name = 'TerraformParseError';
    this.file = file;
  }
}
