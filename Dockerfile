# syntax=docker/dockerfile:1
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json .editorconfig Directory.Build.props Directory.Packages.props ContactCenter.sln appsettings.json ./
COPY src/ContactCenter.Api/ContactCenter.Api.csproj src/ContactCenter.Api/
# Restored for Release, as published: the Release build references no simulator (src/ContactCenter.TwilioSimulator).
RUN dotnet restore src/ContactCenter.Api/ContactCenter.Api.csproj -p:Configuration=Release
COPY src/ src/
RUN dotnet publish src/ContactCenter.Api/ContactCenter.Api.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# appsettings.json is published with the app (linked into the project); mount a data volume for SQLite.
RUN mkdir -p /app/data && chown -R app:app /app/data
USER app
ENV PORT=8080 \
    ASPNETCORE_ENVIRONMENT=Production
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "exec dotnet ContactCenter.Api.dll --urls http://+:${PORT}"]
