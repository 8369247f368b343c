// Naive baseline: the custom message trigger written as AWS samples write it. Plain JavaScript,
// unbundled: one English template per source, the code placeholder put in as is, the user's
// name neither escaped nor bounded. For comparison only: the real trigger has five locales,
// escapes every user value and keeps within Cognito's length limits.

const appName = process.env.APP_NAME ?? 'Our app';

const TEMPLATES = {
  CustomMessage_SignUp: ['Welcome to', 'Your verification code is'],
  CustomMessage_ResendCode: ['Your new code for', 'Your verification code is'],
  CustomMessage_ForgotPassword: ['Reset your password for', 'Your password reset code is'],
  CustomMessage_UpdateUserAttribute: ['Confirm your new email for', 'Your verification code is'],
  CustomMessage_VerifyUserAttribute: ['Verify your email for', 'Your verification code is'],
  CustomMessage_Authentication: ['Sign in to', 'Your sign-in code is'],
};

export const handler = async (event) => {
  const { codeParameter, usernameParameter, userAttributes } = event.request;
  const name = userAttributes.given_name || userAttributes.name || 'there';
  if (event.triggerSource === 'CustomMessage_AdminCreateUser') {
    event.response.emailSubject = `Your ${appName} account`;
    event.response.emailMessage = `<p>Hello ${name},</p><p>Your username is ${usernameParameter} and your temporary password is ${codeParameter}.</p>`;
    event.response.smsMessage = `${appName}: username ${usernameParameter}, temporary password ${codeParameter}`;
    return event;
  }
  const template = TEMPLATES[event.triggerSource];
  if (template) {
    const [subject, line] = template;
    event.response.emailSubject = `${subject} ${appName}`;
    event.response.emailMessage = `<html><body><h1>${appName}</h1><p>Hello ${name},</p><p>${line} <b>${codeParameter}</b>.</p></body></html>`;
    event.response.smsMessage = `${appName}: ${line} ${codeParameter}`;
  }
  return event;
};
