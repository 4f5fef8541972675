using SfBridge.Hosting;

return await SfBridgeApp.RunAsync(args);
