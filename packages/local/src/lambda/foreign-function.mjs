// A stand-in for a team's own trigger, already on a pool before the suite is attached (the
// function `cognito-triggers attach` must keep): the stack serves it as `Foreign`, for any slot.
// Each call is one log line (the trigger source and the pool, never the user's attributes), so a
// test sees it fire. It changes nothing, unless the call's client metadata asks it to fail
// (`foreignError`: the error's message), to show how a failing function of any slot surfaces.

export const handler = async (event) => {
  console.log(
    JSON.stringify({
      level: 'INFO',
      message: 'foreign trigger called',
      triggerSource: event?.triggerSource,
      userPoolId: event?.userPoolId,
    }),
  );
  const failure = event?.request?.clientMetadata?.foreignError;
  if (typeof failure === 'string') throw new Error(failure);
  return event;
};
