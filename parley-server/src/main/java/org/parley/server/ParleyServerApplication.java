package org.parley.server;

import java.util.Arrays;
import org.parley.server.account.CreateStaffCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The standalone Parley server: the chat library plus accounts, login and sign-up.
 *
 * <p>{@code java -jar parley-server.jar} runs the server; {@code java -jar parley-server.jar create-staff NAME}
 * creates a staff user (password from {@code PARLEY_PASSWORD} or asked on the console) and exits.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ParleyServerApplication {

    public static void main(String[] args) {
        SocketBuffers.apply();
        if (args.length > 0 && CreateStaffCommand.NAME.equals(args[0])) {
            var app = new SpringApplication(ParleyServerApplication.class);
            app.setWebApplicationType(WebApplicationType.NONE);
            var context = app.run(Arrays.copyOfRange(args, 1, args.length));
            int code = context.getBean(CreateStaffCommand.class).run(Arrays.copyOfRange(args, 1, args.length));
            System.exit(SpringApplication.exit(context, () -> code));
        }
        SpringApplication.run(ParleyServerApplication.class, args);
    }
}
