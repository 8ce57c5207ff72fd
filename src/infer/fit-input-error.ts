// The one error a fit raises for input it cannot use (data that do not match the model, a
// schedule that cannot be applied, work over the budget): exit 2 in the CLI, a message in the app.
export class FitInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FitInputError';
  }
}
